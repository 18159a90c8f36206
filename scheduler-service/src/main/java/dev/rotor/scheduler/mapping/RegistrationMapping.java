package dev.rotor.scheduler.mapping;

import java.time.Duration;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.StoreLocation;
import dev.rotor.scheduler.domain.TargetSystem;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;

/** A managed secret as the compacted secret.registry topic carries it, and back. */
public final class RegistrationMapping {

    private RegistrationMapping() {
    }

    public static SecretRegistered toEvent(ManagedSecret secret) {
        TargetSystem target = secret.target();
        return SecretRegistered.newBuilder()
                .setSecretId(secret.id())
                .setRegisteredAt(secret.registeredAt())
                .setInitiator(secret.initiator())
                .setSecretClass(secret.secretClass())
                .setOwner(secret.owner())
                .setCadence(secret.cadenceText())
                .setStore(StoreRef.newBuilder().setMount(secret.store().mount()).setPath(secret.store().path()).build())
                .setTarget(TargetRef.newBuilder()
                        .setType(target.type())
                        .setHost(target.host())
                        .setPort(target.port())
                        .setDatabase(target.database())
                        .setRole(target.role())
                        .setAdminPath(target.adminPath())
                        .build())
                .build();
    }

    /** @throws java.time.format.DateTimeParseException when another publisher wrote a cadence that is not an ISO-8601 duration */
    public static ManagedSecret toDomain(SecretRegistered event) {
        TargetRef target = event.getTarget();
        return new ManagedSecret(
                event.getSecretId(),
                event.getSecretClass(),
                event.getOwner(),
                Duration.parse(event.getCadence()),
                new StoreLocation(event.getStore().getMount(), event.getStore().getPath()),
                new TargetSystem(target.getType(), target.getHost(), target.getPort(), target.getDatabase(), target.getRole(),
                        target.getAdminPath()),
                event.getInitiator(),
                event.getRegisteredAt());
    }
}
