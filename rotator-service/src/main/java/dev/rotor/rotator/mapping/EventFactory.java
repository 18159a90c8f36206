package dev.rotor.rotator.mapping;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rotor.contract.EventIds;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.schema.RollbackFailed;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationFailed;
import dev.rotor.schema.RotationFailureReason;
import dev.rotor.schema.RotationRolledBack;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.StoreRef;

/** Builds the rotator's events. Each step's eventId is derived from its rotation, so a repeated step repeats its id. */
@ApplicationScoped
public class EventFactory {

    private final Clock clock;

    @Inject
    EventFactory() {
        this(Clock.systemUTC());
    }

    public EventFactory(Clock clock) {
        this.clock = clock;
    }

    public SecretUpdated secretUpdated(ManagedSecret secret, String rotationId, String stagingPath, int previousVersion) {
        return SecretUpdated.newBuilder()
                .setEventId(EventIds.of(rotationId, SecretUpdated.class))
                .setRotationId(rotationId)
                .setSecretId(secret.secretId())
                .setOccurredAt(now())
                .setTarget(secret.target().toRef())
                .setStaging(StoreRef.newBuilder().setMount(secret.mount()).setPath(stagingPath).build())
                .setPreviousStoreVersion(previousVersion)
                .build();
    }

    public RotationCompleted completed(String secretId, String rotationId, int newVersion, int previousVersion) {
        return RotationCompleted.newBuilder()
                .setEventId(EventIds.of(rotationId, RotationCompleted.class))
                .setRotationId(rotationId)
                .setSecretId(secretId)
                .setOccurredAt(now())
                .setNewStoreVersion(newVersion)
                .setPreviousStoreVersion(previousVersion)
                .build();
    }

    public RotationRolledBack rolledBack(String secretId, String rotationId, String cause, Integer storeVersion) {
        return RotationRolledBack.newBuilder()
                .setEventId(EventIds.of(rotationId, RotationRolledBack.class))
                .setRotationId(rotationId)
                .setSecretId(secretId)
                .setOccurredAt(now())
                .setCause(cause)
                .setStoreVersion(storeVersion)
                .build();
    }

    public RollbackFailed rollbackFailed(String secretId, String rotationId, String cause, String detail) {
        return RollbackFailed.newBuilder()
                .setEventId(EventIds.of(rotationId, RollbackFailed.class))
                .setRotationId(rotationId)
                .setSecretId(secretId)
                .setOccurredAt(now())
                .setCause(cause)
                .setDetail(detail)
                .build();
    }

    public RotationFailed failed(String secretId, String rotationId, RotationFailureReason reason, String detail, boolean retryable) {
        return RotationFailed.newBuilder()
                .setEventId(EventIds.of(rotationId, RotationFailed.class))
                .setRotationId(rotationId)
                .setSecretId(secretId)
                .setOccurredAt(now())
                .setReason(reason)
                .setDetail(detail)
                .setRetryable(retryable)
                .build();
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
