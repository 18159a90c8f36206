package dev.rotor.rotator.mapping;

import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.target.Strategy;
import dev.rotor.target.TargetSpec;

public final class RegistrationMapper {

    private RegistrationMapper() {
    }

    /** @throws IllegalArgumentException when the registration names a strategy no rotator knows */
    public static ManagedSecret toDomain(SecretRegistered registered) {
        return new ManagedSecret(registered.getSecretId(), registered.getStore().getMount(), registered.getStore().getPath(),
                TargetSpec.of(registered.getTarget()), Strategy.ofRegistered(registered.getStrategy()));
    }
}
