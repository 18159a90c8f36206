package dev.rotor.rotator.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.rotator.service.RotationService;
import dev.rotor.rotator.service.RotationSteps;
import dev.rotor.schema.RollbackRequested;
import io.smallrye.reactive.messaging.annotations.Blocking;

@ApplicationScoped
class RollbackRequestedListener {

    private final RotationSteps steps;
    private final RotationService rotations;

    RollbackRequestedListener(RotationSteps steps, RotationService rotations) {
        this.steps = steps;
        this.rotations = rotations;
    }

    @Incoming(Channels.ROLLBACK_REQUESTED)
    @Blocking(value = Channels.WORKER_POOL, ordered = false)
    void on(RollbackRequested event) {
        RollbackRequested rollback = Payloads.required(event, Channels.ROLLBACK_REQUESTED);
        try {
            steps.rollback(rollback.getSecretId(), rollback.getRotationId(), rollback.getCause());
        } catch (RuntimeException e) {
            rotations.rollbackAbandoned(rollback.getSecretId(), rollback.getRotationId(), rollback.getCause(), e);
        }
    }
}
