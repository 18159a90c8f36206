package dev.rotor.scheduler.domain;

import java.time.Instant;

import dev.rotor.schema.RotationReason;

/**
 * One requested rotation. The reason is the contract's own enum: it is the vocabulary operators type
 * and the topic carries, and a second copy of it here would only have to be kept in step.
 * {@code approvedBy} (the second person of an emergency rotation) and {@code detail} (why, in words)
 * are null when there is none.
 */
public record RotationRequest(
        String rotationId,
        String secretId,
        RotationReason reason,
        String initiator,
        Instant requestedAt,
        Instant deadline,
        int attempt,
        String approvedBy,
        String detail) {
}
