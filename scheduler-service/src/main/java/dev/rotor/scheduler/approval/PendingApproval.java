package dev.rotor.scheduler.approval;

import java.time.Instant;

import dev.rotor.schema.ApprovalState;

/** An emergency rotation and its second approver; {@code requestId} becomes the rotation id once approved. */
public record PendingApproval(String requestId, String secretId, String requestedBy, String reason, Instant requestedAt,
        Instant expiresAt, ApprovalState state, String approvedBy) {

    public boolean expiredAt(Instant now) {
        return state == ApprovalState.EXPIRED || (state == ApprovalState.PENDING && !now.isBefore(expiresAt));
    }

    PendingApproval decided(ApprovalState decision, String approver) {
        return new PendingApproval(requestId, secretId, requestedBy, reason, requestedAt, expiresAt, decision, approver);
    }
}
