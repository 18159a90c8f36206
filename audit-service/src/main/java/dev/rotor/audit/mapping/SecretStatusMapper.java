package dev.rotor.audit.mapping;

import dev.rotor.audit.domain.SecretRegistration;
import dev.rotor.audit.domain.SecretState;
import dev.rotor.schema.RotationOutcome;
import dev.rotor.schema.SecretStatus;

/** The published view of a secret's state: what the scheduler and dashboards read from secret.status. */
public final class SecretStatusMapper {

    private SecretStatusMapper() {
    }

    /**
     * dueAt does not depend on the clock, so it is published; whether the secret is overdue now is for
     * the reader to compare (the scheduler reads lastSuccessAt and dueAt from here).
     */
    public static SecretStatus toAvro(SecretState state) {
        SecretRegistration registration = state.registration();
        return SecretStatus.newBuilder()
                .setSecretId(state.secretId())
                .setUpdatedAt(state.updatedAt())
                .setLastRotationId(state.lastRotationId())
                .setLastOutcome(RotationOutcome.valueOf(state.lastOutcome().name()))
                .setLastSuccessAt(state.lastSuccessAt())
                .setInFlightRotationId(state.inFlightRotationId().orElse(null))
                .setStoreVersion(state.storeVersion())
                .setSecretClass(registration == null ? null : registration.secretClass())
                .setOwner(registration == null ? null : registration.owner())
                .setCadence(registration == null ? null : registration.cadence())
                .setRegisteredAt(registration == null ? null : registration.registeredAt())
                .setExemptUntil(registration == null ? null : registration.exemptUntil())
                .setDueAt(state.dueAt())
                .setLastRequestedAt(state.lastRequestedAt())
                .build();
    }
}
