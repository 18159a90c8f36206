package dev.rotor.rotator.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.rotator.service.RotationService;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import io.smallrye.reactive.messaging.annotations.Blocking;

@ApplicationScoped
class RotationRequestedListener {

    private final RotationService rotations;

    RotationRequestedListener(RotationService rotations) {
        this.rotations = rotations;
    }

    @Incoming(Channels.ROTATION_REQUESTED)
    @Blocking(value = Channels.WORKER_POOL, ordered = false)
    void on(RotationRequested event) {
        RotationRequested request = Payloads.required(event, Channels.ROTATION_REQUESTED);
        // A BACKFILL request records a rotation that happened before Rotor; there is nothing to do.
        if (request.getReason() == RotationReason.BACKFILL) {
            return;
        }
        rotations.requested(request.getSecretId(), request.getRotationId());
    }
}
