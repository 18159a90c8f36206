package dev.rotor.audit.domain;

import java.time.Duration;
import java.time.Instant;

/**
 * How stale a secret is at one moment, against its policy. Computed when asked (status API, metrics),
 * never stored: it changes with the clock, not with events.
 *
 * @param staleSince the last success, or the registration if the secret never rotated; null if neither is known
 * @param secondsSinceLastSuccess seconds from {@code staleSince} to now; null with it
 * @param maxAge the policy's max age; null when unknown (a cron cadence without maxAgeSeconds, or not registered)
 * @param dueAt {@code staleSince + maxAge}; null when either is unknown
 * @param exempt exempt from rotation now (exemptUntil in the future): never overdue
 * @param overdue past {@code dueAt} and not exempt
 * @param breached more than {@link #BREACH_AFTER} past {@code dueAt} and not exempt: a compliance breach
 */
public record Staleness(
        Instant staleSince,
        Long secondsSinceLastSuccess,
        Duration maxAge,
        Instant dueAt,
        boolean exempt,
        boolean overdue,
        boolean breached) {

    public static final Duration BREACH_AFTER = Duration.ofDays(7);

    static Staleness of(Instant staleSince, Duration maxAge, boolean exempt, Instant now) {
        Long seconds = staleSince == null ? null : Duration.between(staleSince, now).toSeconds();
        Instant dueAt = staleSince == null || maxAge == null ? null : staleSince.plus(maxAge);
        boolean overdue = dueAt != null && !exempt && now.isAfter(dueAt);
        boolean breached = overdue && now.isAfter(dueAt.plus(BREACH_AFTER));
        return new Staleness(staleSince, seconds, maxAge, dueAt, exempt, overdue, breached);
    }
}
