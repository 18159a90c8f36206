package dev.rotor.rotator.service;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;

import dev.rotor.rotator.catalog.ApprovalRecords;
import dev.rotor.rotator.fault.TransientFailure;
import dev.rotor.schema.RotationRequested;
import io.smallrye.faulttolerance.api.ExponentialBackoff;

/**
 * The protocol's steps with their resilience: a step that meets a failure that can pass (store, broker,
 * registry or target down; another instance holding the secret) is retried in place, the secret's lease
 * given back between attempts, with exponential backoff and jitter, for a budget of five minutes
 * ({@code ROTOR_ROTATOR_RETRY_BUDGET_MS}). What keeps failing past that is handed back to the listener,
 * which ends the rotation from facts ({@link RotationService#requestAbandoned}) rather than dead-lettering it.
 */
@ApplicationScoped
@Retry(retryOn = TransientFailure.class, maxRetries = -1, maxDuration = 300_000, delay = 250, jitter = 200)
@ExponentialBackoff(factor = 2, maxDelay = 15_000)
public class RotationSteps {

    private final RotationService rotations;
    private final ApprovalRecords approvals;

    RotationSteps(RotationService rotations, ApprovalRecords approvals) {
        this.rotations = rotations;
        this.approvals = approvals;
    }

    /** Step 0 of an EMERGENCY request: why it must not run, or empty when the scheduler recorded its approval. */
    public Optional<String> approvalRefusal(RotationRequested request) {
        return approvals.refusalOf(request);
    }

    public void requested(String secretId, String rotationId, Instant deadline, Optional<Integer> revertTo) {
        rotations.requested(secretId, rotationId, deadline, revertTo);
    }

    public void verified(String secretId, String rotationId) {
        rotations.verified(secretId, rotationId);
    }

    public void rollback(String secretId, String rotationId, String cause) {
        rotations.rollback(secretId, rotationId, cause);
    }
}
