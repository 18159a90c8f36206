package dev.rotor.verifier.service;

import java.time.Duration;

import dev.rotor.verifier.config.VerifierConfig;

/** How often and how patiently a transient login failure is retried: doubling backoff, capped. */
record RetrySchedule(int attempts, Duration initialBackoff, Duration maxBackoff) {

    RetrySchedule {
        if (attempts < 1) {
            throw new IllegalArgumentException("rotor.verifier.retry.attempts must be at least 1, got " + attempts);
        }
        if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("rotor.verifier.retry backoffs must satisfy 0 <= initial-backoff <= max-backoff, got "
                    + initialBackoff + " and " + maxBackoff);
        }
    }

    static RetrySchedule of(VerifierConfig.Retry config) {
        return new RetrySchedule(config.attempts(), config.initialBackoff(), config.maxBackoff());
    }

    /** The pause after failed attempt {@code attempt} (1-based) before the next one. */
    Duration backoffAfter(int attempt) {
        Duration backoff = initialBackoff;
        for (int i = 1; i < attempt && backoff.compareTo(maxBackoff) < 0; i++) {
            backoff = backoff.multipliedBy(2);
        }
        return backoff.compareTo(maxBackoff) > 0 ? maxBackoff : backoff;
    }
}
