package dev.rotor.scheduler.schedule;

import java.util.Optional;

/** Pauses as the engine needs them: whether a secret may be scheduled, and pausing a class or a secret itself. */
public interface PauseControls {

    /** Why the secret is paused (globally, by its class or by itself), in words with who and why; empty if it is not. */
    Optional<String> pausedBecause(String secretId, String secretClass);

    /** Whether the class is paused by the circuit breaker: the gauge an alert watches. */
    boolean breakerOpen(String secretClass);

    void pauseClassByBreaker(String secretClass, String reason);

    void pauseSecretAfterFailures(String secretId, String reason);
}
