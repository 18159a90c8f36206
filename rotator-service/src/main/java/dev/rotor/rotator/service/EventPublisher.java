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

    void publish(SecretUpdated event) {
        secretUpdated.sendAndAwait(Record.of(event.getSecretId(), event));
    }

    void publish(RotationCompleted event) {
        completed.sendAndAwait(Record.of(event.getSecretId(), event));
    }

    void publish(RotationRolledBack event) {
        rolledBack.sendAndAwait(Record.of(event.getSecretId(), event));
    }

    void publish(RollbackFailed event) {
        rollbackFailed.sendAndAwait(Record.of(event.getSecretId(), event));
    }

    void publish(RotationFailed event) {
        failed.sendAndAwait(Record.of(event.getSecretId(), event));
    }
}
