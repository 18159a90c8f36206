package dev.rotor.rotator.catalog;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.StreamSupport;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.Config;

import dev.rotor.contract.Topics;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.mapping.RegistrationMapper;
import dev.rotor.schema.SecretRegistered;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;

/**
 * The registered secrets, read from the compacted {@code secret.registry} topic. A lookup first
 * reads up to the topic's current end, so a secret registered before its rotation was requested is
 * always found, whatever the two topics' relative lag.
 */
@ApplicationScoped
public class SecretCatalog {

    /** The serde settings are the connector's, so that this consumer reads exactly as the channels do. */
    private static final String CONNECTOR_PREFIX = "mp.messaging.connector.smallrye-kafka.";

    private final KafkaConsumer<String, SecretRegistered> consumer;
    private final Map<String, ManagedSecret> secrets = new HashMap<>();

    SecretCatalog(Config config) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, config.getValue("kafka.bootstrap.servers", String.class));
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The scheduler creates the topic compacted; a consumer must never create it otherwise.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        for (String name : config.getPropertyNames()) {
            if (name.startsWith(CONNECTOR_PREFIX + "apicurio.")) {
                props.put(name.substring(CONNECTOR_PREFIX.length()), config.getValue(name, String.class));
            }
        }
        AvroKafkaDeserializer<SecretRegistered> values = new AvroKafkaDeserializer<>();
        values.configure(props, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), values);
    }

    public synchronized Optional<ManagedSecret> find(String secretId) {
        catchUp();
        return Optional.ofNullable(secrets.get(secretId));
    }

    private void catchUp() {
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.SECRET_REGISTRY, Duration.ofSeconds(10)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition()))
                .toList();
        if (!consumer.assignment().containsAll(partitions)) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
        }
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(10));
        while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
            StreamSupport.stream(consumer.poll(Duration.ofMillis(200)).spliterator(), false).forEach(this::apply);
        }
    }

    private void apply(ConsumerRecord<String, SecretRegistered> record) {
        if (record.value() == null) {
            secrets.remove(record.key());
        } else {
            secrets.put(record.key(), RegistrationMapper.toDomain(record.value()));
        }
    }

    @PreDestroy
    void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
