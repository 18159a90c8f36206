package dev.rotor.audit.rest;

import java.time.Instant;

import dev.rotor.audit.domain.RotationState;
import dev.rotor.audit.domain.SecretState;

/** A secret's status as secret.status publishes it. */
public record SecretStatusView(
        String secretId,
        Instant updatedAt,
        String lastRotationId,
        RotationState lastOutcome,
        Instant lastSuccessAt,
        String inFlightRotationId,
        Integer storeVersion) {

    static SecretStatusView of(SecretState state) {
        return new SecretStatusView(state.secretId(), state.updatedAt(), state.lastRotationId(), state.lastOutcome(),
                state.lastSuccessAt(), state.inFlightRotationId().orElse(null), state.storeVersion());
    }
}
