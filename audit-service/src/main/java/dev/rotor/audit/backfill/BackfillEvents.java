package dev.rotor.audit.backfill;

import dev.rotor.contract.EventIds;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;

/**
 * A historical rotation as the two events a real one begins and ends with, both at the time it
 * completed. The rotator leaves BACKFILL requests alone; the audit takes the completion as the last
 * success. Every id is derived, so a re-import republishes identical events.
 */
final class BackfillEvents {

    private BackfillEvents() {
    }

    static RotationRequested requested(BackfillRecord record) {
        String rotationId = record.rotationId();
        return RotationRequested.newBuilder()
                .setEventId(EventIds.of(rotationId, RotationRequested.class))
                .setRotationId(rotationId)
                .setSecretId(record.secretId())
                .setOccurredAt(record.completedAt())
                .setReason(RotationReason.BACKFILL)
                .setInitiator(record.initiator())
                .setDetail("imported history: rotated at " + record.completedAt() + " before Rotor managed the secret")
                .build();
    }

    /** No store version: the history did not record one. */
    static RotationCompleted completed(BackfillRecord record) {
        String rotationId = record.rotationId();
        return RotationCompleted.newBuilder()
                .setEventId(EventIds.of(rotationId, RotationCompleted.class))
                .setRotationId(rotationId)
                .setSecretId(record.secretId())
                .setOccurredAt(record.completedAt())
                .setNewStoreVersion(null)
                .setPreviousStoreVersion(null)
                .build();
    }
}
