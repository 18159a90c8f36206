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

    /**
     * The target as registered: the common fields, then its kind's properties beside them (e.g. database). The admin
     * credential's path only to those who may register: to anyone else it is a map of where the keys are.
     */
    private static Map<String, Object> target(TargetSpec target, boolean withAdminPath) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", target.type());
        fields.put("host", target.host());
        fields.put("port", target.port());
        fields.put("role", target.account());
        if (withAdminPath && target.adminPath() != null) {
            fields.put("adminSecret", target.adminPath());
        }
        fields.putAll(target.properties());
        return fields;
    }

    static SecretView of(ManagedSecret secret, SecretActivity activity, Instant nextRotationDue, boolean withAdminPath) {
        return new SecretView(secret.id(), secret.secretClass(), secret.owner(), secret.cadenceText(),
                new Store(secret.store().mount(), secret.store().path()),
                target(secret.target(), withAdminPath),
                secret.initiator(), secret.registeredAt(),
                activity.inFlightRotationId().orElse(null),
                activity.lastCompletedAt().orElse(null),
                nextRotationDue);
    }
}
