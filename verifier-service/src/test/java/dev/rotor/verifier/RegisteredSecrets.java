package dev.rotor.verifier;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.rotor.schema.SecretUpdated;
import dev.rotor.target.TargetSpec;
import dev.rotor.verifier.domain.Registration;
import dev.rotor.verifier.service.Registrations;
import io.quarkus.test.junit.QuarkusMock;

/** Registrations for the tests without a broker, in place of secret.registry: each test registers what its events name. */
public class RegisteredSecrets implements Registrations {

    private final Map<String, Registration> bySecretId = new ConcurrentHashMap<>();

    /** A fresh, empty set of registrations that the verifier uses for the current test. */
    public static RegisteredSecrets install() {
        RegisteredSecrets registered = new RegisteredSecrets();
        QuarkusMock.installMockForType(registered, Registrations.class);
        return registered;
    }

    /**
     * Registers the event's secret with the event's target, stored in the event's mount at the secret's id: the
     * event is then backed if, and only if, it stages at the rotator's path for that secret.
     */
    public void backing(SecretUpdated event) {
        bySecretId.put(event.getSecretId(), new Registration(event.getSecretId(), event.getStaging().getMount(), event.getSecretId(),
                TargetSpec.of(event.getTarget())));
    }

    @Override
    public Optional<Registration> of(String secretId) {
        return Optional.ofNullable(bySecretId.get(secretId));
    }
}
