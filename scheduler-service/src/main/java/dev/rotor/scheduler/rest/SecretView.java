package dev.rotor.scheduler.rest;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.SecretActivity;

/** A registration as the API shows it: the fields as registered, plus what the scheduler knows of its rotations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SecretView(
        String id,
        @JsonProperty("class") String secretClass,
        String owner,
        String cadence,
        Store store,
        Target target,
        String initiator,
        Instant registeredAt,
        String inFlightRotationId,
        Instant lastRotatedAt,
        Instant nextRotationDue) {

    record Store(String mount, String path) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Target(String type, String host, int port, String database, String role, String adminSecret) {
    }

    static SecretView of(ManagedSecret secret, SecretActivity activity, Instant nextRotationDue) {
        return new SecretView(secret.id(), secret.secretClass(), secret.owner(), secret.cadenceText(),
                new Store(secret.store().mount(), secret.store().path()),
                new Target(secret.target().type(), secret.target().host(), secret.target().port(), secret.target().database(),
                        secret.target().role(), secret.target().adminPath()),
                secret.initiator(), secret.registeredAt(),
                activity.inFlightRotationId().orElse(null),
                activity.lastCompletedAt().orElse(null),
                nextRotationDue);
    }
}
