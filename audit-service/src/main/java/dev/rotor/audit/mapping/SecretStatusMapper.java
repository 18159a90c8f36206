package dev.rotor.audit.mapping;

import dev.rotor.audit.domain.SecretState;
import dev.rotor.schema.RotationOutcome;
import dev.rotor.schema.SecretStatus;

/** The published view of a secret's state: what the scheduler and dashboards read from secret.status. */
public final class SecretStatusMapper {

    private SecretStatusMapper() {
    }

    public static SecretStatus toAvro(SecretState state) {
        return SecretStatus.newBuilder()
                .setSecretId(state.secretId())
                .setUpdatedAt(state.updatedAt())
                .setLastRotationId(state.lastRotationId())
                .setLastOutcome(RotationOutcome.valueOf(state.lastOutcome().name()))
                .setLastSuccessAt(state.lastSuccessAt())
                .setInFlightRotationId(state.inFlightRotationId().orElse(null))
                .setStoreVersion(state.storeVersion())
                .build();
    }
}
