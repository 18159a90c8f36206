package dev.rotor.scheduler.policy;

/**
 * How a class's due rotations roll out: {@code canary} first; when all of those have ended, the rest in
 * batches of {@code batchSize}. The circuit breaker pauses the class when more than
 * {@code breakerFailureRate} (0..1) of the current cohort's ended rotations failed, once at least
 * {@code breakerMinEnded} of them have ended.
 */
public record Rollout(int canary, int batchSize, double breakerFailureRate, int breakerMinEnded) {

    public static final Rollout ALL_AT_ONCE = new Rollout(0, Integer.MAX_VALUE, 1.0, Integer.MAX_VALUE);
}
