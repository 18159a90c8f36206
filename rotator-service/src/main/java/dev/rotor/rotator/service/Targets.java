package dev.rotor.rotator.service;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;

import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.target.CredentialTarget;

/** The target implementation for each registered target type. */
@ApplicationScoped
public class Targets {

    private final Map<String, CredentialTarget> byType;

    @Inject
    Targets(Instance<CredentialTarget> targets) {
        this(targets.stream().toList());
    }

    Targets(List<CredentialTarget> targets) {
        this.byType = targets.stream().collect(Collectors.toMap(CredentialTarget::type, Function.identity()));
    }

    CredentialTarget of(ManagedSecret secret) {
        CredentialTarget target = byType.get(secret.target().type());
        if (target == null) {
            throw new IllegalArgumentException("secret " + secret.secretId() + " has target type '" + secret.target().type()
                    + "', which this rotator cannot change (it knows " + byType.keySet() + ")");
        }
        return target;
    }
}
