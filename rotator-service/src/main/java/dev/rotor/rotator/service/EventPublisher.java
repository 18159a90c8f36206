package dev.rotor.rotator.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.rotor.rotator.listener.Channels;
import dev.rotor.schema.RollbackFailed;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationFailed;
import dev.rotor.schema.RotationRolledBack;
import dev.rotor.schema.SecretUpdated;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Publishes the rotator's events keyed by secretId and waits for the broker's acknowledgement
 * (acks=all), so that the incoming event is committed only after what it caused is durable (I5).
 */
@ApplicationScoped
public class EventPublisher {

    private final MutinyEmitter<Record<String, SecretUpdated>> secretUpdated;
    private final MutinyEmitter<Record<String, RotationCompleted>> completed;
    private final MutinyEmitter<Record<String, RotationRolledBack>> rolledBack;
    private final MutinyEmitter<Record<String, RollbackFailed>> rollbackFailed;
    private final MutinyEmitter<Record<String, RotationFailed>> failed;

    EventPublisher(@Channel(Channels.SECRET_UPDATED) MutinyEmitter<Record<String, SecretUpdated>> secretUpdated,
            @Channel(Channels.ROTATION_COMPLETED) MutinyEmitter<Record<String, RotationCompleted>> completed,
            @Channel(Channels.ROTATION_ROLLED_BACK) MutinyEmitter<Record<String, RotationRolledBack>> rolledBack,
            @Channel(Channels.ROLLBACK_FAILED) MutinyEmitter<Record<String, RollbackFailed>> rollbackFailed,
            @Channel(Channels.ROTATION_FAILED) MutinyEmitter<Record<String, RotationFailed>> failed) {
        this.secretUpdated = secretUpdated;
        this.completed = completed;
        this.rolledBack = rolledBack;
        this.rollbackFailed = rollbackFailed;
        this.failed = failed;
    }

    private static <T> void send(MutinyEmitter<Record<String, T>> emitter, String secretId, String rotationId, T event) {
        try {
            emitter.sendAndAwait(Record.of(secretId, event));
        } catch (RuntimeException e) {
            throw new PublishFailed("the broker did not acknowledge " + event.getClass().getSimpleName() + " of rotation " + rotationId
                    + " of " + secretId + ": " + e.getMessage(), e);
        }
    }

    void publish(SecretUpdated event) {
        send(secretUpdated, event.getSecretId(), event.getRotationId(), event);
    }

    void publish(RotationCompleted event) {
        send(completed, event.getSecretId(), event.getRotationId(), event);
    }

    void publish(RotationRolledBack event) {
        send(rolledBack, event.getSecretId(), event.getRotationId(), event);
    }

    void publish(RollbackFailed event) {
        send(rollbackFailed, event.getSecretId(), event.getRotationId(), event);
    }

    void publish(RotationFailed event) {
        send(failed, event.getSecretId(), event.getRotationId(), event);
    }
}
