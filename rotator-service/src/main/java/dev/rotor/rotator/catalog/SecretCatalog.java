package dev.rotor.rotator.catalog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.contract.CompactedTopicUnavailable;
import dev.rotor.contract.CompactedTopicView;
import dev.rotor.contract.Topics;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.mapping.RegistrationMapper;
import dev.rotor.schema.SecretRegistered;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;

/**
 * The registered secrets, read from the compacted {@code secret.registry} topic. A lookup first reads up to the
 * topic's current end, so a secret registered before its rotation was requested is always found, whatever the two
 * topics' relative lag.
 *
 * <p>A record that is not a registration the rotator can act on is counted and skipped, and the key keeps its
 * registration (only a tombstone deletes). A registry or broker that does not answer is a {@link CatalogUnavailable},
 * and the record is read again on the next lookup rather than skipped.
 */
@ApplicationScoped
public class SecretCatalog {

    private final CompactedTopicView<ManagedSecret> registrations;

    // kafka.*: the broker, the login and the serde settings, as every channel and dead letter of the service has them.
    SecretCatalog(@Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry metrics) {
        this.registrations = new CompactedTopicView<>(kafka, Topics.SECRET_REGISTRY, SecretRegistered.class,
                RegistrationMapper::toDomain, unreadableRecords(metrics, Topics.SECRET_REGISTRY)::increment);
    }

    /** One counter name for every compacted topic the rotator reads, by topic. */
    static Counter unreadableRecords(MeterRegistry metrics, String topic) {
        return Counter.builder("rotor_rotator_unreadable_records_total")
                .description("Records on a compacted topic the rotator reads that it cannot use; skipped, the key keeps its value")
                .tag("topic", topic)
                .register(metrics);
    }

    public Optional<ManagedSecret> find(String secretId) {
        return read(() -> registrations.find(secretId));
    }

    /** The secret whose store entry is {@code mount/path}, as known after the last lookup. */
    public Optional<ManagedSecret> atLocation(String mount, String path) {
        // The registration written last wins, should two name the same store entry.
        return registrations.valuesAsLastRead().stream()
                .filter(secret -> secret.mount().equals(mount) && secret.path().equals(path))
                .reduce((earlier, later) -> later);
    }

    /** The mounts that hold registered secrets, read up to the topic's current end. */
    public Set<String> mounts() {
        List<ManagedSecret> secrets = read(registrations::values);
        Set<String> mounts = new TreeSet<>();
        secrets.forEach(s -> mounts.add(s.mount()));
        return mounts;
    }

    private static <T> T read(Supplier<T> lookup) {
        try {
            return lookup.get();
        } catch (CompactedTopicUnavailable e) {
            throw new CatalogUnavailable(e.getMessage(), e);
        }
    }

    @PreDestroy
    void close() {
        registrations.close();
    }
}
