package dev.rotor.verifier;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import dev.rotor.schema.SecretUpdated;
import dev.rotor.target.TargetSpec;
import dev.rotor.verifier.domain.Registration;
import dev.rotor.verifier.service.Registrations;
import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * Registrations for the tests without a broker, in place of secret.registry ({@link InPlaceOfTheRegistry}): each
 * test registers what its events name.
 */
@Alternative
@ApplicationScoped
public class RegisteredSecrets implements Registrations {

    private final Map<String, Registration> bySecretId = new ConcurrentHashMap<>();

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

    /** The test profile that puts these registrations in place of secret.registry. */
    public static class InPlaceOfTheRegistry implements QuarkusTestProfile {

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(RegisteredSecrets.class);
        }
    }
}
