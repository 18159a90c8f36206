package dev.rotor.verifier.service;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rotor.contract.StagingPaths;
import dev.rotor.target.TargetSpec;
import dev.rotor.verifier.config.VerifierConfig;
import dev.rotor.verifier.domain.Registration;
import dev.rotor.verifier.domain.VerificationRequest;

/**
 * Whether a SecretUpdated names what its secret's registration says, so that the verifier never reads a Vault path
 * or logs in to a host on the event's word alone: the secret must be registered, the event's target must be the
 * registration's (every field of TargetRef), and its staging entry must be the one the rotator derives for the
 * secret, in the secret's own mount.
 */
@ApplicationScoped
class RegistrationCheck {

    static final String UNREGISTERED = "unregistered";

    private final String stagingPrefix;

    @Inject
    RegistrationCheck(VerifierConfig config) {
        this(config.stagingPrefix());
    }

    RegistrationCheck(String stagingPrefix) {
        this.stagingPrefix = stagingPrefix;
    }

    /** Why the event is refused, or empty when its registration backs it. */
    Optional<Refusal> refusal(VerificationRequest request, Optional<Registration> registration) {
        if (registration.isEmpty()) {
            return Optional.of(new Refusal(UNREGISTERED, "secret " + request.secretId() + " is not registered on secret.registry"));
        }
        Registration registered = registration.get();
        return firstDifference(request, registered)
                .map(field -> new Refusal(field.reason(), field.name() + " does not match the registration of secret "
                        + request.secretId() + " on secret.registry"));
    }

    private Optional<Field> firstDifference(VerificationRequest request, Registration registered) {
        TargetSpec event = request.target();
        TargetSpec target = registered.target();
        if (!event.type().equals(target.type())) {
            return Field.named("target.type");
        }
        if (!event.host().equals(target.host())) {
            return Field.named("target.host");
        }
        if (event.port() != target.port()) {
            return Field.named("target.port");
        }
        if (!event.account().equals(target.account())) {
            return Field.named("target.role");
        }
        if (!Objects.equals(event.adminPath(), target.adminPath())) {
            return Field.named("target.adminPath");
        }
        if (!event.properties().equals(target.properties())) {
            // The keys, never their values; the metric's label stays one per field whatever keys a forged event adds.
            return Optional.of(new Field("target.properties",
                    "target.properties " + differingKeys(event.properties(), target.properties())));
        }
        if (!request.staging().mount().equals(registered.mount())) {
            return Field.named("staging.mount");
        }
        if (!request.staging().path().equals(StagingPaths.of(stagingPrefix, registered.path()))) {
            return Field.named("staging.path");
        }
        return Optional.empty();
    }

    private static Set<String> differingKeys(Map<String, String> event, Map<String, String> registered) {
        Set<String> keys = new TreeSet<>(event.keySet());
        keys.addAll(registered.keySet());
        keys.removeIf(key -> Objects.equals(event.get(key), registered.get(key)));
        return keys;
    }

    /**
     * @param reason the label of rotor_verifier_refused_events_total: "unregistered" or the field that did not match
     * @param detail what did not match, for the operator; names fields and the secret, never a value
     */
    record Refusal(String reason, String detail) {
    }

    /**
     * @param reason the metric's label
     * @param name what the detail says: the field, with the keys that differ for properties
     */
    private record Field(String reason, String name) {

        static Optional<Field> named(String name) {
            return Optional.of(new Field(name, name));
        }
    }
}
