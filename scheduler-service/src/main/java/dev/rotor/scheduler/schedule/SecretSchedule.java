package dev.rotor.scheduler.schedule;

import java.time.Instant;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.policy.EffectivePolicy;

/**
 * One secret's place in the schedule: due at {@code dueAt} (the cadence after {@code lastSuccess}, or
 * after the registration if it never rotated), eligible from {@code eligibleAt} (due plus its jitter).
 */
record SecretSchedule(ManagedSecret secret, EffectivePolicy policy, Instant lastSuccess, boolean everRotated, Instant dueAt,
        Instant eligibleAt) {

    String id() {
        return secret.id();
    }

    String secretClass() {
        return policy.secretClass();
    }

    String targetHost() {
        return secret.target().host();
    }

    /** Why it is due, in words, for the request's detail and the plan. */
    String dueBecause() {
        return (everRotated ? "last success " : "never rotated, registered ") + lastSuccess + ", cadence " + policy.cadence().text()
                + ", due " + dueAt;
    }
}
