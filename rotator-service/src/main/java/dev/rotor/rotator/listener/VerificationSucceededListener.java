package dev.rotor.rotator.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.rotator.service.RotationService;
import dev.rotor.schema.VerificationSucceeded;
import io.smallrye.reactive.messaging.annotations.Blocking;

@ApplicationScoped
class VerificationSucceededListener {

    private final RotationService rotations;

    VerificationSucceededListener(RotationService rotations) {
        this.rotations = rotations;
    }

    @Incoming(Channels.VERIFICATION_SUCCEEDED)
    @Blocking(value = Channels.WORKER_POOL, ordered = false)
    void on(VerificationSucceeded event) {
        rotations.verified(Payloads.required(event, Channels.VERIFICATION_SUCCEEDED).getSecretId(), event.getRotationId());
    }
}
