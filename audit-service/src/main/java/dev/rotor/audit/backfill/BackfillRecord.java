package dev.rotor.audit.backfill;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/** One historical rotation to import: a secret, when it last rotated successfully, and who did it. */
public record BackfillRecord(String secretId, Instant completedAt, String initiator) {

    /**
     * Derived from the secret and the time, so that importing the same file again publishes the same
     * rotation with the same eventIds, which the audit already has: a re-import changes nothing.
     */
    public String rotationId() {
        return UUID.nameUUIDFromBytes(("backfill|" + secretId + "|" + completedAt).getBytes(StandardCharsets.UTF_8)).toString();
    }
}
