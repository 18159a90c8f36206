package dev.rotor.vaultdev;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** A token as Vault's token store keeps it. A null expireTime means it never expires (root). */
final class TokenEntry {

    String id;
    String accessor;
    List<String> policies;
    String displayName;
    String path;
    boolean orphan;
    boolean renewable;
    Instant creationTime;
    long creationTtlSeconds;
    long explicitMaxTtlSeconds;
    /** Non-zero for a periodic token: each renewal sets its TTL to the period, with no max TTL but an explicit one. */
    long periodSeconds;
    Instant expireTime;

    boolean isExpired(Instant now) {
        return expireTime != null && !expireTime.isAfter(now);
    }

    boolean isRoot() {
        return policies.contains("root");
    }

    long remainingTtlSeconds(Instant now) {
        return expireTime == null ? 0 : Math.max(0, Duration.between(now, expireTime).getSeconds());
    }
}
