package dev.rotor.verifier.registry;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.jboss.logging.Logger;

import dev.rotor.contract.CompactedTopicUnavailable;
import dev.rotor.contract.CompactedTopicView;
import dev.rotor.contract.Topics;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.verifier.config.VerifierConfig;
import dev.rotor.verifier.domain.Registration;
import dev.rotor.verifier.mapping.EventMapping;
import dev.rotor.verifier.service.OutageRetry;
import dev.rotor.verifier.service.Registrations;
import dev.rotor.verifier.service.RegistryUnavailable;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.faulttolerance.api.TypedGuard;

/**
 * The registrations on the compacted secret.registry topic, read up to its end at every lookup, so a secret
 * registered before its rotation started is always found. This is the broker's edge, so it carries the broker's
 * resilience: a lookup the broker or the schema registry did not answer is retried ({@link OutageRetry}) for
 * {@code rotor.verifier.registry-retry-budget}.
 */
@ApplicationScoped
class KafkaRegistrations implements Registrations {

    private static final Logger LOG = Logger.getLogger(KafkaRegistrations.class);

    private final CompactedTopicView<Registration> registrations;
    private final TypedGuard<Optional<Registration>> guard;

    // kafka.*: the broker, the verifier's login and the serde settings, as its channels and dead letters have them.
    KafkaRegistrations(@Identifier("default-kafka-broker") Map<String, Object> kafka, VerifierConfig config, MeterRegistry metrics) {
        Counter unreadable = Counter.builder("rotor_verifier_unreadable_records_total")
                .description("Records on secret.registry that are not registrations; skipped, the key keeps its registration")
                .tag("topic", Topics.SECRET_REGISTRY)
                .register(metrics);
        this.registrations = new CompactedTopicView<>(kafka, Topics.SECRET_REGISTRY, SecretRegistered.class,
                EventMapping::toRegistration, unreadable::increment);
        this.guard = OutageRetry.guard(new TypeLiteral<Optional<Registration>>() {
        }, "secret-registry-read", config.registryRetryBudget(), CompactedTopicUnavailable.class, LOG);
    }

    // On a worker thread (the listener is @Blocking): the broker round trips and the pauses between tries block it.
    @Override
    public Optional<Registration> of(String secretId) {
        long start = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        try {
            return guard.get(() -> {
                attempts.incrementAndGet();
                return registrations.find(secretId);
            });
        } catch (CompactedTopicUnavailable e) {
            throw new RegistryUnavailable(secretId, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start), attempts.get(), e);
        }
    }

    @PreDestroy
    void close() {
        registrations.close();
    }
}
