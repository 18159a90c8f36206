package dev.rotor.rotator.catalog;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import dev.rotor.contract.Topics;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.mapping.RegistrationMapper;
import dev.rotor.schema.SecretRegistered;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;

/**
 * The registered secrets, read from the compacted {@code secret.registry} topic. A lookup first
 * reads up to the topic's current end, so a secret registered before its rotation was requested is
 * always found, whatever the two topics' relative lag.
 *
 * <p>Values are decoded here rather than by the consumer, one record at a time: a record that is not
 * a registration is counted and skipped, and the key keeps its registration (only a null value, a
 * tombstone, deletes). A registry or broker that does not answer is a {@link CatalogUnavailable}, and
 * the record is read again on the next lookup rather than skipped.
 */
@ApplicationScoped
public class SecretCatalog {

    private static final Logger LOG = Logger.getLogger(SecretCatalog.class);
    /** The serde settings are the connector's, so that this consumer reads exactly as the channels do. */
    private static final String CONNECTOR_PREFIX = "mp.messaging.connector.smallrye-kafka.";
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroKafkaDeserializer<SecretRegistered> values = new AvroKafkaDeserializer<>();
    private final Counter unreadable;
    private final Map<String, ManagedSecret> secrets = new HashMap<>();
    private final Map<String, String> secretIdByLocation = new HashMap<>();

    SecretCatalog(Config config, @Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry metrics) {
        // kafka.*: the broker and the login, as every channel of the service has them.
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The topic exists compacted (deploy/kafka/bus.tsv); a consumer must never create it otherwise.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(CONNECTOR_PREFIX + "apicurio.")) {
                props.put(name.substring(CONNECTOR_PREFIX.length()), config.getValue(name, String.class));
            }
        }
        values.configure(props, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.unreadable = Counter.builder("rotor_rotator_unreadable_records_total")
                .description("Records on secret.registry that are not registrations; skipped, the key keeps its registration")
                .tag("topic", Topics.SECRET_REGISTRY)
                .register(metrics);
    }

    public synchronized Optional<ManagedSecret> find(String secretId) {
        catchUp();
        return Optional.ofNullable(secrets.get(secretId));
    }

    /** The secret whose store entry is {@code mount/path}, as known after the last lookup. */
    public synchronized Optional<ManagedSecret> atLocation(String mount, String path) {
        return Optional.ofNullable(secretIdByLocation.get(mount + "/" + path)).map(secrets::get);
    }

    /** The mounts that hold registered secrets, read up to the topic's current end. */
    public synchronized Set<String> mounts() {
        catchUp();
        Set<String> mounts = new TreeSet<>();
        secrets.values().forEach(s -> mounts.add(s.mount()));
        return mounts;
    }

    private void catchUp() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.SECRET_REGISTRY, BROKER_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            if (!consumer.assignment().containsAll(partitions)) {
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
            }
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, BROKER_TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p, BROKER_TIMEOUT) < end.get(p))) {
                applyAll(consumer.poll(Duration.ofMillis(200)));
            }
        } catch (KafkaException e) {
            throw new CatalogUnavailable("the broker did not answer for " + Topics.SECRET_REGISTRY + ": " + e.getMessage(), e);
        }
    }

    /** Applies a batch; when the registry fails mid-way, every partition is set back to its first record not applied. */
    private void applyAll(ConsumerRecords<String, byte[]> batch) {
        List<TopicPartition> partitions = List.copyOf(batch.partitions());
        for (int i = 0; i < partitions.size(); i++) {
            for (ConsumerRecord<String, byte[]> record : batch.records(partitions.get(i))) {
                try {
                    apply(record);
                } catch (CatalogUnavailable e) {
                    consumer.seek(partitions.get(i), record.offset());
                    partitions.subList(i + 1, partitions.size()).forEach(p -> consumer.seek(p, batch.records(p).get(0).offset()));
                    throw e;
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            forget(record.key());
            return;
        }
        ManagedSecret secret;
        try {
            secret = RegistrationMapper.toDomain(values.deserialize(record.topic(), record.headers(), record.value()));
        } catch (RuntimeException e) {
            if (causedByIo(e)) {
                // Not the record's fault: it is read again at the next lookup, once the registry answers.
                throw new CatalogUnavailable("the schema registry did not answer while reading " + Topics.SECRET_REGISTRY + ": "
                        + e.getMessage(), e);
            }
            unreadable.increment();
            LOG.warnf("Record %s-%d@%d (key %s) is not a registration (%s); skipped, the key keeps its registration",
                    record.topic(), record.partition(), record.offset(), record.key(), e.getMessage());
            return;
        }
        forget(record.key());
        secrets.put(record.key(), secret);
        secretIdByLocation.put(secret.mount() + "/" + secret.path(), record.key());
    }

    private void forget(String secretId) {
        ManagedSecret gone = secrets.remove(secretId);
        if (gone != null) {
            secretIdByLocation.remove(gone.mount() + "/" + gone.path());
        }
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    @PreDestroy
    void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
