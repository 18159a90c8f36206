package dev.rotor.rotator.mapping;

import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.domain.Target;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.TargetRef;

public final class RegistrationMapper {

    private RegistrationMapper() {
    }

    public static ManagedSecret toDomain(SecretRegistered registered) {
        TargetRef t = registered.getTarget();
        return new ManagedSecret(registered.getSecretId(), registered.getStore().getMount(), registered.getStore().getPath(),
                new Target(t.getType(), t.getHost(), t.getPort(), t.getDatabase(), t.getRole(), t.getAdminPath()));
    }

    public static TargetRef toTargetRef(Target target) {
        return TargetRef.newBuilder()
                .setType(target.type())
                .setHost(target.host())
                .setPort(target.port())
                .setDatabase(target.database())
                .setRole(target.role())
                .setAdminPath(target.adminPath())
                .build();
    }
}
