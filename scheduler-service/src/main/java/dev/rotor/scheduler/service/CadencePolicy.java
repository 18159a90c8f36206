package dev.rotor.scheduler.service;

import java.time.Instant;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.SecretActivity;

/** When a secret is due: a cadence after its last completed rotation, or after its registration if it never rotated. */
public final class CadencePolicy {

    private CadencePolicy() {
    }

    public static Instant dueAt(ManagedSecret secret, SecretActivity activity) {
        return activity.lastCompletedAt().orElse(secret.registeredAt()).plus(secret.cadence());
    }

    /** Due and nothing in flight: a rotation still running (or stuck) is not joined by another one. */
    public static boolean isDue(ManagedSecret secret, SecretActivity activity, Instant now) {
        return activity.inFlightRotationId().isEmpty() && !now.isBefore(dueAt(secret, activity));
    }
}
