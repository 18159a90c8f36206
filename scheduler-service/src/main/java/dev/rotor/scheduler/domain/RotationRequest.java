package dev.rotor.scheduler.domain;

import java.time.Instant;

import dev.rotor.schema.RotationReason;

/**
 * One requested rotation. The reason is the contract's own enum: it is the vocabulary operators type
 * and the topic carries, and a second copy of it here would only have to be kept in step.
 * {@code approvedBy} (the second person of an emergency rotation), {@code detail} (why, in words) and
 * {@code revertToVersion} (for REVERT: the store version made current again) are null when there is none.
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
        String detail,
        Integer revertToVersion) {

    /** This request as a REVERT's: the rotator stages store version {@code version} instead of a new credential. */
    public RotationRequest revertingTo(int version) {
        return new RotationRequest(rotationId, secretId, reason, initiator, requestedAt, deadline, attempt, approvedBy, detail, version);
    }
}
