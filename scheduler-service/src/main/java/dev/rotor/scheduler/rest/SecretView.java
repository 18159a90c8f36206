package dev.rotor.scheduler.rest;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.SecretActivity;
import dev.rotor.target.TargetSpec;

/** A registration as the API shows it: the fields as registered, plus what the scheduler knows of its rotations. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record SecretView(
        String id,
        @JsonProperty("class") String secretClass,
        String owner,
        String cadence,
        Store store,
        Map<String, Object> target,
        String initiator,
        Instant registeredAt,
        String inFlightRotationId,
        Instant lastRotatedAt,
        Instant nextRotationDue) {

    record Store(String mount, String path) {
    }

    /** The target as registered: the common fields, then its kind's properties beside them (e.g. database). */
    static Map<String, Object> target(TargetSpec target) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", target.type());
        fields.put("host", target.host());
        fields.put("port", target.port());
        fields.put("role", target.account());
        if (target.adminPath() != null) {
            fields.put("adminSecret", target.adminPath());
        }
        fields.putAll(target.properties());
        return fields;
    }

    static SecretView of(ManagedSecret secret, SecretActivity activity, Instant nextRotationDue) {
        return new SecretView(secret.id(), secret.secretClass(), secret.owner(), secret.cadenceText(),
                new Store(secret.store().mount(), secret.store().path()),
                target(secret.target()),
                secret.initiator(), secret.registeredAt(),
                activity.inFlightRotationId().orElse(null),
                activity.lastCompletedAt().orElse(null),
                nextRotationDue);
    }
}
