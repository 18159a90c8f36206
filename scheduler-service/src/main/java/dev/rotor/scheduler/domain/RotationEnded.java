package dev.rotor.scheduler.domain;

import java.time.Instant;

/**
 * A rotation reached its terminal event. {@code retryable} only for a RotationFailed whose cause is
 * likely transient.
 */
public record RotationEnded(String rotationId, String secretId, Outcome outcome, boolean retryable, Instant at) {

    public enum Outcome {
        COMPLETED,
        ROLLED_BACK,
        ROLLBACK_FAILED,
        /** Ended before anything changed (pre-check failed, not found...). */
        FAILED,
        /** Refused (another rotation in flight, or the secret paused): it never ran, so it neither failed nor succeeded. */
        REFUSED
    }

    public boolean completed() {
        return outcome == Outcome.COMPLETED;
    }

    /** What counts against a rollout's cohort and a secret's run of failures. */
    public boolean failed() {
        return outcome != Outcome.COMPLETED && outcome != Outcome.REFUSED;
    }
}
