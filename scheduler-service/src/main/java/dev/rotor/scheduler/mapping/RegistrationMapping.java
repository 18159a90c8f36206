package dev.rotor.scheduler.mapping;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Optional;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.StoreLocation;
import dev.rotor.scheduler.policy.EffectivePolicy;
import dev.rotor.scheduler.policy.Exemption;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.StoreRef;
import dev.rotor.target.Strategy;
import dev.rotor.target.TargetSpec;

/** A managed secret as the compacted secret.registry topic carries it, and back. */
public final class RegistrationMapping {

    private RegistrationMapping() {
    }

    /**
     * The registration as the policy governs it: class, owner and cadence as resolved, the contact, the
     * longest allowed age and the exemption, and the revision of the policy that covers it (null if none).
     */
    public static SecretRegistered toEvent(ManagedSecret secret, EffectivePolicy policy, String policyRevision) {
        Optional<Exemption> exemption = policy.exemption();
        return SecretRegistered.newBuilder()
                .setSecretId(secret.id())
                .setRegisteredAt(secret.registeredAt())
                .setInitiator(secret.initiator())
                .setSecretClass(policy.secretClass())
                .setOwner(policy.owner())
                .setCadence(policy.cadence().text())
                .setContact(policy.contact().orElse(null))
                .setMaxAgeSeconds(policy.cadence().maxAge().toSeconds())
                .setExemptUntil(exemption.map(Exemption::until).orElse(null))
                .setExemptReason(exemption.map(Exemption::reason).orElse(null))
                .setPolicyRevision(policyRevision)
                .setStore(StoreRef.newBuilder().setMount(secret.store().mount()).setPath(secret.store().path()).build())
                .setTarget(secret.target().toRef())
                .setStrategy(policy.strategy().orElse(secret.strategy()).id())
                .build();
    }

    /**
     * A cron cadence (only a policy sets one) becomes its longest gap, {@code maxAgeSeconds}: the policy that
     * set it resolves it again, and should the policy drop it, the secret still rotates at least that often.
     *
     * @throws IllegalArgumentException when another publisher wrote neither an ISO-8601 duration nor a cron with its maximum
     *         age, or a strategy no scheduler knows
     */
    public static ManagedSecret toDomain(SecretRegistered event) {
        return new ManagedSecret(
                event.getSecretId(),
                event.getSecretClass(),
                event.getOwner(),
                registeredCadence(event),
                new StoreLocation(event.getStore().getMount(), event.getStore().getPath()),
                TargetSpec.of(event.getTarget()),
                Strategy.ofRegistered(event.getStrategy()),
                event.getInitiator(),
                event.getRegisteredAt());
    }

    private static Duration registeredCadence(SecretRegistered event) {
        try {
            return Duration.parse(event.getCadence());
        } catch (DateTimeParseException e) {
            if (event.getMaxAgeSeconds() == null) {
                throw new IllegalArgumentException("Registration of " + event.getSecretId() + " has a cadence that is not an ISO-8601"
                        + " duration and no maxAgeSeconds: re-register it with a duration such as P30D", e);
            }
            return Duration.ofSeconds(event.getMaxAgeSeconds());
        }
    }
}
