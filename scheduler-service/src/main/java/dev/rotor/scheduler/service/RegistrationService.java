package dev.rotor.scheduler.service;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rotor.scheduler.domain.FieldViolation;
import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.Registration;
import dev.rotor.scheduler.policy.PolicyBook;
import dev.rotor.scheduler.policy.RotationMatrix;

/** Registers managed secrets: validated as a whole, then published to the compacted secret.registry as the policy governs them. */
@ApplicationScoped
public class RegistrationService {

    private static final Logger LOG = Logger.getLogger(RegistrationService.class);

    private final RegistrationValidator validator;
    private final SecretRegistry registry;
    private final ViewProgress view;
    private final Clock clock;
    private final PolicyBook policies;
    private final RegistrationPublisher publisher;

    RegistrationService(RegistrationValidator validator, SecretRegistry registry, ViewProgress view, Clock clock, PolicyBook policies,
            RegistrationPublisher publisher) {
        this.validator = validator;
        this.registry = registry;
        this.view = view;
        this.clock = clock;
        this.policies = policies;
        this.publisher = publisher;
    }

    /** Blocking: asks Vault and waits for Kafka's acknowledgement. */
    public Registration register(JsonNode body) {
        ManagedSecret candidate = validator.validate(body, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        // Before the view is read, "not registered yet" cannot be told from "not read yet", and the first
        // registration time (which the cadence counts from) would be lost.
        if (!view.caughtUp()) {
            throw new ViewNotReadyException(view.pendingDescription());
        }
        refuseWhatTheMatrixForbids(candidate);
        Optional<ManagedSecret> existing = registry.find(candidate.id());
        // Published as the policy in force governs it: what the audit reads is what the scheduler applies.
        ManagedSecret secret = publisher.publish(
                existing.map(previous -> candidate.registeredSince(previous.registeredAt())).orElse(candidate), policies.current());
        LOG.infof("Registered %s (%s, owner %s, cadence %s, target %s %s:%d role %s)%s", secret.id(), secret.secretClass(),
                secret.owner(), secret.cadence(), secret.target().type(), secret.target().host(), secret.target().port(),
                secret.target().account(), existing.isPresent() ? ", replacing the previous registration" : "");
        return new Registration(secret, existing.isPresent());
    }

    /**
     * The rotation matrix in force has the last word: the class's allowed hosts bound where its secrets may point, its
     * admin secret is the only one they may name, and a strategy it sets for the class (or the secret) wins over the
     * registration's, so it must fit.
     */
    private void refuseWhatTheMatrixForbids(ManagedSecret candidate) {
        RotationMatrix matrix = policies.current();
        List<FieldViolation> violations = new ArrayList<>();
        matrix.classOf(candidate).filter(c -> !c.allowsHost(candidate.target().host())).ifPresent(c -> violations.add(
                new FieldViolation("target.host", candidate.target().host() + " is not among the hosts class " + c.name()
                        + " may target in the rotation matrix " + matrix.name() + " (" + c.allowedHosts() + "): point the target"
                        + " at one of them, or ask the policy owner to add it")));
        matrix.classOf(candidate).filter(c -> !c.allowsAdmin(candidate.target().adminPath())).ifPresent(c -> violations.add(
                new FieldViolation("target.adminSecret", "class " + c.name() + " changes its secrets' credentials with the admin at "
                        + c.adminSecret().orElseThrow() + " (rotation matrix " + matrix.name() + "): name that one")));
        matrix.resolve(candidate).strategy()
                .flatMap(strategy -> validator.strategyRefusal(candidate.target(), strategy).map(why -> strategy.id() + ", set by "
                        + matrix.classOf(candidate).map(c -> "class " + c.name()).orElse("its entry") + " in the rotation matrix "
                        + matrix.name() + ", cannot rotate it: " + why + "; add what it needs, or give the secret its own strategy"
                        + " under the matrix's secrets:"))
                .ifPresent(why -> violations.add(new FieldViolation("strategy", why)));
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(RegistrationValidator.REJECTED, violations);
        }
    }
}
