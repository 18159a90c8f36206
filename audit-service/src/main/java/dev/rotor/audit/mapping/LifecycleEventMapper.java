package dev.rotor.audit.mapping;

import java.time.Instant;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;

import dev.rotor.audit.domain.EventType;
import dev.rotor.audit.domain.LifecycleEvent;
import dev.rotor.schema.RollbackFailed;
import dev.rotor.schema.RollbackRequested;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationFailed;
import dev.rotor.schema.RotationRequested;
import dev.rotor.schema.RotationRolledBack;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.VerificationFailed;
import dev.rotor.schema.VerificationSucceeded;

/** Reads any lifecycle event from the topics into the one shape the audit works with. */
public final class LifecycleEventMapper {

    private LifecycleEventMapper() {
    }

    public static LifecycleEvent fromAvro(SpecificRecord record) {
        if (record instanceof RotationRequested e) {
            return start(EventType.ROTATION_REQUESTED, e.getEventId(), e.getRotationId(), e.getSecretId(), e.getOccurredAt())
                    .reason(e.getReason().name()).initiator(e.getInitiator()).deadline(e.getDeadline()).build();
        }
        if (record instanceof SecretUpdated e) {
            return start(EventType.SECRET_UPDATED, e.getEventId(), e.getRotationId(), e.getSecretId(), e.getOccurredAt())
                    .previousStoreVersion(e.getPreviousStoreVersion()).build();
        }
        if (record instanceof VerificationSucceeded e) {
            return start(EventType.VERIFICATION_SUCCEEDED, e.getEventId(), e.getRotationId(), e.getSecretId(), e.getOccurredAt())
                    .probe(e.getProbe()).durationMs(e.getDurationMs()).attempts(e.getAttempts()).build();
        }
        if (record instanceof VerificationFailed e) {
            return start(EventType.VERIFICATION_FAILED, e.getEventId(), e.getRotationId(), e.getSecretId(), e.getOccurredAt())
                    .category(e.getCategory().name()).detail(e.getDetail()).probe(e.getProbe()).attempts(e.getAttempts()).build();
        }
        if (record instanceof RollbackRequested e) {
            return start(EventType.ROLLBACK_REQUESTED, e.getEventId(), e.getRotationId(), e.getSecretId(), e.getOccurredAt())
                    .cause(e.getCause()).initiator(e.getInitiator()).build();
        }
        if (record instanceof RotationCompleted e) {
            return start(EventType.ROTATION_COMPLETED, e.getEventId(), e.getRotationId(), e.getSecretId(), e.getOccurredAt())
                    .previousStoreVersion(e.getPreviousStoreVersion()).newStoreVersion(e.getNewStoreVersion()).build();
        }
        if (record instanceof RotationRolledBack e) {
            // The version that is current again is the one the rotation started from.
            return start(EventType.ROTATION_ROLLED_BACK, e.getEventId(), e.getRotationId(), e.getSecretId(), e.getOccurredAt())
                    .cause(e.getCause()).previousStoreVersion(e.getStoreVersion()).build();
        }
        if (record instanceof RollbackFailed e) {
            return start(EventType.ROLLBACK_FAILED, e.getEventId(), e.getRotationId(), e.getSecretId(), e.getOccurredAt())
                    .cause(e.getCause()).detail(e.getDetail()).build();
        }
        if (record instanceof RotationFailed e) {
            return start(EventType.ROTATION_FAILED, e.getEventId(), e.getRotationId(), e.getSecretId(), e.getOccurredAt())
                    .category(e.getReason().name()).detail(e.getDetail()).build();
        }
        throw new IllegalArgumentException("A " + record.getSchema().getFullName()
                + " is not a rotation lifecycle event; only the types of Topics.LIFECYCLE_TOPICS are audited");
    }

    private static LifecycleEvent.Builder start(EventType type, UUID eventId, String rotationId, String secretId, Instant occurredAt) {
        return LifecycleEvent.builder(type, eventId.toString(), rotationId, secretId, occurredAt);
    }
}
