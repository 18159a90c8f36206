package dev.rotor.audit.domain;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * A managed secret as the scheduler registered it (secret.registry): who owns it and how old it may
 * get. Re-published when an applied policy changes it; the latest registration wins.
 *
 * @param cadence ISO-8601 duration (P30D) or a cron expression (0 3 * * SUN)
 * @param maxAgeSeconds longest time allowed between successful rotations; null: derived from the cadence
 * @param exemptUntil not overdue until then
 */
public record SecretRegistration(
        String secretId,
        Instant registeredAt,
        String secretClass,
        String owner,
        String cadence,
        String contact,
        Long maxAgeSeconds,
        Instant exemptUntil,
        String exemptReason) {

    /**
     * How long after its last success the secret is due: maxAgeSeconds, else the ISO-8601 cadence.
     * Empty for a cron cadence without maxAgeSeconds: the gap between two firings of a cron expression
     * is not one number, and guessing one would call secrets overdue that are not, so such a secret's
     * policy age is unknown and it is never reported overdue.
     */
    public Optional<Duration> maxAge() {
        if (maxAgeSeconds != null) {
            return Optional.of(Duration.ofSeconds(maxAgeSeconds));
        }
        if (cadence == null || !cadence.startsWith("P")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Duration.parse(cadence));
        } catch (DateTimeParseException e) {
            // P1M, P1Y: periods without a fixed length in seconds; the policy should set maxAgeSeconds.
            return Optional.empty();
        }
    }

    public boolean isExemptAt(Instant now) {
        return exemptUntil != null && exemptUntil.isAfter(now);
    }
}
