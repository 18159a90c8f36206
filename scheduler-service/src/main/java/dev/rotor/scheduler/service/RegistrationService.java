package dev.rotor.scheduler.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.Registration;
import dev.rotor.scheduler.mapping.RegistrationMapping;
import dev.rotor.schema.SecretRegistered;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/** Registers managed secrets: validated as a whole, then published to the compacted secret.registry. */
@ApplicationScoped
public class RegistrationService {

    private static final Logger LOG = Logger.getLogger(RegistrationService.class);

    private final RegistrationValidator validator;
    private final SecretRegistry registry;
    private final ViewProgress view;
    private final Clock clock;
    private final MutinyEmitter<Record<String, SecretRegistered>> registrations;

    RegistrationService(RegistrationValidator validator, SecretRegistry registry, ViewProgress view, Clock clock,
            @Channel(Channels.SECRET_REGISTRY_OUT) MutinyEmitter<Record<String, SecretRegistered>> registrations) {
        this.validator = validator;
        this.registry = registry;
        this.view = view;
        this.clock = clock;
        this.registrations = registrations;
    }

    /** Blocking: asks Vault and waits for Kafka's acknowledgement. */
    public Registration register(JsonNode body) {
        ManagedSecret candidate = validator.validate(body, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        // Before the view is read, "not registered yet" cannot be told from "not read yet", and the first
        // registration time (which the cadence counts from) would be lost.
        if (!view.caughtUp()) {
            throw new ViewNotReadyException(view.pendingDescription());
        }
        Optional<ManagedSecret> existing = registry.find(candidate.id());
        ManagedSecret secret = existing.map(previous -> candidate.registeredSince(previous.registeredAt())).orElse(candidate);
        registrations.sendAndAwait(Record.of(secret.id(), RegistrationMapping.toEvent(secret)));
        registry.put(secret);
        LOG.infof("Registered %s (%s, owner %s, cadence %s, target %s %s:%d role %s)%s", secret.id(), secret.secretClass(),
                secret.owner(), secret.cadence(), secret.target().type(), secret.target().host(), secret.target().port(),
                secret.target().role(), existing.isPresent() ? ", replacing the previous registration" : "");
        return new Registration(secret, existing.isPresent());
    }
}
