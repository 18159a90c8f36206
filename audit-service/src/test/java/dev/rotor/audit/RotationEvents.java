package dev.rotor.audit;

import java.time.Instant;
import java.util.UUID;

import dev.rotor.contract.EventIds;
import dev.rotor.schema.RollbackFailed;
import dev.rotor.schema.RollbackRequested;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationFailed;
import dev.rotor.schema.RotationFailureReason;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import dev.rotor.schema.RotationRolledBack;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;
import dev.rotor.schema.VerificationFailed;
import dev.rotor.schema.VerificationFailureCategory;
import dev.rotor.schema.VerificationSucceeded;

/** Lifecycle events of one rotation of one secret, with the event ids the services give them. */
public record RotationEvents(String secretId, String rotationId) {

    public static RotationEvents rotation(String secretId) {
        return new RotationEvents(secretId, UUID.randomUUID().toString());
    }

    public RotationRequested requested(Instant at, String initiator) {
        return RotationRequested.newBuilder()
                .setEventId(UUID.randomUUID()).setRotationId(rotationId).setSecretId(secretId).setOccurredAt(at)
                .setReason(RotationReason.MANUAL).setInitiator(initiator).setDeadline(at.plusSeconds(600)).build();
    }

    public SecretUpdated updated(Instant at, Integer previousStoreVersion) {
        return SecretUpdated.newBuilder()
                .setEventId(EventIds.of(rotationId, SecretUpdated.class)).setRotationId(rotationId).setSecretId(secretId).setOccurredAt(at)
                .setTarget(TargetRef.newBuilder().setType("postgresql").setHost("127.0.0.1").setPort(5433)
                        .setDatabase("rotor").setRole("orders_app").build())
                .setStaging(StoreRef.newBuilder().setMount("secret").setPath("rotor/staging/" + secretId).build())
                .setPreviousStoreVersion(previousStoreVersion).build();
    }

    public VerificationSucceeded verified(Instant at) {
        return VerificationSucceeded.newBuilder()
                .setEventId(EventIds.of(rotationId, VerificationSucceeded.class)).setRotationId(rotationId).setSecretId(secretId)
                .setOccurredAt(at).setProbe("jdbc login + SELECT current_user").setDurationMs(42).setAttempts(1).build();
    }

    public VerificationFailed verificationFailed(Instant at) {
        return VerificationFailed.newBuilder()
                .setEventId(EventIds.of(rotationId, VerificationFailed.class)).setRotationId(rotationId).setSecretId(secretId)
                .setOccurredAt(at).setCategory(VerificationFailureCategory.AUTH_FAILED)
                .setDetail("password authentication failed for user orders_app").setProbe("jdbc login").setAttempts(3).build();
    }

    public RollbackRequested rollbackRequested(Instant at) {
        return RollbackRequested.newBuilder()
                .setEventId(EventIds.of(rotationId, RollbackRequested.class)).setRotationId(rotationId).setSecretId(secretId)
                .setOccurredAt(at).setCause("verification failed: AUTH_FAILED").setInitiator("scheduler").build();
    }

    public RotationCompleted completed(Instant at, int newStoreVersion) {
        return RotationCompleted.newBuilder()
                .setEventId(EventIds.of(rotationId, RotationCompleted.class)).setRotationId(rotationId).setSecretId(secretId)
                .setOccurredAt(at).setNewStoreVersion(newStoreVersion).setPreviousStoreVersion(newStoreVersion - 1).build();
    }

    public RotationRolledBack rolledBack(Instant at, Integer storeVersion) {
        return RotationRolledBack.newBuilder()
                .setEventId(EventIds.of(rotationId, RotationRolledBack.class)).setRotationId(rotationId).setSecretId(secretId)
                .setOccurredAt(at).setCause("verification failed: AUTH_FAILED").setStoreVersion(storeVersion).build();
    }

    public RollbackFailed rollbackFailed(Instant at) {
        return RollbackFailed.newBuilder()
                .setEventId(EventIds.of(rotationId, RollbackFailed.class)).setRotationId(rotationId).setSecretId(secretId)
                .setOccurredAt(at).setCause("verification failed: AUTH_FAILED")
                .setDetail("previous credential rejected by the target; secret paused, restore it by hand").build();
    }

    public RotationFailed failed(Instant at, RotationFailureReason reason) {
        return RotationFailed.newBuilder()
                .setEventId(EventIds.of(rotationId, RotationFailed.class)).setRotationId(rotationId).setSecretId(secretId)
                .setOccurredAt(at).setReason(reason).setDetail("another rotation of " + secretId + " is in flight").build();
    }
}
