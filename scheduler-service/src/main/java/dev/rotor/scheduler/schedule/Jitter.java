package dev.rotor.scheduler.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * How long after its due time a secret's scheduled rotation waits, so that secrets due at the same
 * moment do not all rotate at once. Drawn from the secret and its due time, not from a random source:
 * a replay, a restart and the other scheduler instance all arrive at the same delay.
 */
final class Jitter {

    private static final double TWO_TO_THE_53 = 0x1p53;

    private Jitter() {
    }

    /** Uniform in [0, max]. */
    static Duration delay(String secretId, Instant dueAt, Duration max) {
        if (max.isZero() || max.isNegative()) {
            return Duration.ZERO;
        }
        UUID draw = UUID.nameUUIDFromBytes((secretId + "|jitter|" + dueAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        double fraction = (draw.getMostSignificantBits() >>> 11) / TWO_TO_THE_53;
        return Duration.ofMillis(Math.round(fraction * max.toMillis()));
    }
}
