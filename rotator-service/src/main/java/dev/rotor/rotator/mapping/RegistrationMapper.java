package dev.rotor.rotator.mapping;

import java.util.List;

import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.target.Strategy;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Violation;

public final class RegistrationMapper {

    private RegistrationMapper() {
    }

    /**
     * @throws IllegalArgumentException when the registration names a strategy no rotator knows, or one its target
     *         does not have what it needs for (a registration written past the scheduler's checks)
     */
    public static ManagedSecret toDomain(SecretRegistered registered) {
        TargetSpec target = TargetSpec.of(registered.getTarget());
        Strategy strategy = Strategy.ofRegistered(registered.getStrategy());
        List<Violation> violations = strategy.validate(target);
        if (!violations.isEmpty()) {
            throw new IllegalArgumentException("registration of " + registered.getSecretId() + " with strategy " + strategy.id()
                    + ": target." + violations.get(0).field() + " " + violations.get(0).message());
        }
        return new ManagedSecret(registered.getSecretId(), registered.getStore().getMount(), registered.getStore().getPath(), target,
                strategy);
    }
}
