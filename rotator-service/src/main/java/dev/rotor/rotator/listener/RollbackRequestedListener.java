package dev.rotor.rotator.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.rotator.service.RotationService;
import dev.rotor.schema.RollbackRequested;
import io.smallrye.reactive.messaging.annotations.Blocking;

@ApplicationScoped
class RollbackRequestedListener {

    private final RotationService rotations;

    RollbackRequestedListener(RotationService rotations) {
        this.rotations = rotations;
    }

    @Incoming(Channels.ROLLBACK_REQUESTED)
    @Blocking(value = Channels.WORKER_POOL, ordered = false)
    void on(RollbackRequested event) {
        Payloads.required(event, Channels.ROLLBACK_REQUESTED);
        rotations.rollback(event.getSecretId(), event.getRotationId(), event.getCause());
    }
}
