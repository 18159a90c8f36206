package dev.rotor.scheduler.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.mapping.RegistrationMapping;
import dev.rotor.scheduler.policy.RotationMatrix;
import dev.rotor.schema.SecretRegistered;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Publishes registrations to the compacted secret.registry as a matrix governs them (effective class,
 * owner, cadence, contact, maximum age, exemption, policy revision): the audit computes staleness from
 * them. The registry keeps what was published, exactly as every other instance reads it back.
 */
@ApplicationScoped
public class RegistrationPublisher {

    /** Well under the emitter's buffer (128): a policy can re-publish 100,000 registrations without overflowing it. */
    private static final int IN_FLIGHT = 100;

    private final SecretRegistry registry;
    private final MutinyEmitter<Record<String, SecretRegistered>> registrations;

    RegistrationPublisher(SecretRegistry registry,
            @Channel(Channels.SECRET_REGISTRY_OUT) MutinyEmitter<Record<String, SecretRegistered>> registrations) {
        this.registry = registry;
        this.registrations = registrations;
    }

    /** Blocking: waits for Kafka's acknowledgement. */
    public ManagedSecret publish(ManagedSecret secret, RotationMatrix matrix) {
        SecretRegistered event = event(secret, matrix);
        registrations.sendAndAwait(Record.of(secret.id(), event));
        ManagedSecret published = RegistrationMapping.toDomain(event);
        registry.put(published);
        return published;
    }

    /** Blocking: waits for Kafka's acknowledgement of every one, {@value #IN_FLIGHT} at a time. */
    public void publishAll(Collection<ManagedSecret> secrets, RotationMatrix matrix) {
        List<ManagedSecret> all = List.copyOf(secrets);
        for (int from = 0; from < all.size(); from += IN_FLIGHT) {
            List<SecretRegistered> events = all.subList(from, Math.min(all.size(), from + IN_FLIGHT)).stream()
                    .map(secret -> event(secret, matrix)).toList();
            List<Uni<Void>> sends = new ArrayList<>();
            events.forEach(event -> sends.add(registrations.send(Record.of(event.getSecretId(), event))));
            Uni.join().all(sends).andFailFast().await().indefinitely();
            events.forEach(event -> registry.put(RegistrationMapping.toDomain(event)));
        }
    }

    private static SecretRegistered event(ManagedSecret secret, RotationMatrix matrix) {
        return RegistrationMapping.toEvent(secret, matrix.resolve(secret), matrix.covers(secret) ? matrix.revision() : null);
    }
}
