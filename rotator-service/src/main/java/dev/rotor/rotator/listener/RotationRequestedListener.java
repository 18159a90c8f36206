package dev.rotor.rotator.listener;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.rotator.config.RotatorConfig;
import dev.rotor.rotator.service.RotationService;
import dev.rotor.rotator.service.RotationSteps;
import dev.rotor.schema.RotationFailureReason;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import io.smallrye.reactive.messaging.annotations.Blocking;

@ApplicationScoped
class RotationRequestedListener {

    private final RotationSteps steps;
    private final RotationService rotations;
    private final RotatorConfig config;

    RotationRequestedListener(RotationSteps steps, RotationService rotations, RotatorConfig config) {
        this.steps = steps;
        this.rotations = rotations;
        this.config = config;
    }

    @Incoming(Channels.ROTATION_REQUESTED)
    @Blocking(value = Channels.WORKER_POOL, ordered = false)
    void on(RotationRequested event) {
        RotationRequested request = Payloads.required(event, Channels.ROTATION_REQUESTED);
        // A BACKFILL request records a rotation that happened before Rotor; there is nothing to do.
        if (request.getReason() == RotationReason.BACKFILL) {
            return;
        }
        Instant deadline = request.getDeadline() != null ? request.getDeadline() : request.getOccurredAt().plus(config.defaultDeadline());
        try {
            if (request.getReason() == RotationReason.EMERGENCY) {
                Optional<String> refusal = steps.approvalRefusal(request);
                if (refusal.isPresent()) {
                    rotations.refuse(request.getSecretId(), request.getRotationId(), RotationFailureReason.NOT_APPROVED, refusal.get());
                    return;
                }
            }
            steps.requested(request.getSecretId(), request.getRotationId(), deadline,
                    request.getReason() == RotationReason.REVERT ? Optional.ofNullable(request.getRevertToVersion()) : Optional.empty());
        } catch (RuntimeException e) {
            // Past its retry budget, or failed for good: the rotation ends from facts, not in a dead-letter topic.
            rotations.requestAbandoned(request.getSecretId(), request.getRotationId(), e);
        }
    }
}
