package dev.rotor.verifier;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.rotor.contract.SpecificRecordDatumProvider;
import dev.rotor.contract.StagingPaths;
import dev.rotor.contract.Topics;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;
import dev.rotor.stack.testing.RotorStack;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2UpdateSecretOptions;

/**
 * Plays the scheduler and the rotator around the verifier under test, on the real stack and as the stack's
 * administrator: registers secrets on secret.registry, stages credentials where the rotator stages them, publishes
 * SecretUpdated, and reads what the verifier wrote.
 */
final class RotatorStandIn implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(60);
    static final String MOUNT = "secret";
    private static final String VERIFIER_GROUP = "rotor-verifier";

    private final VaultClient vault;
    private final KafkaProducer<String, byte[]> producer;
    private final AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>();

    RotatorStandIn(VaultClient vault) {
        this.vault = vault;
        // Kafka configures only the serializers it instantiates itself.
        serializer.configure(serdeConfig(), false);
        Map<String, Object> config = new HashMap<>(RotorStack.kafka().administratorSettings());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
    }

    /** Registers the secret as stored at its id in {@link #MOUNT}, as the scheduler does after its checks. */
    void register(String secretId, TargetRef target) throws Exception {
        SecretRegistered registered = SecretRegistered.newBuilder()
                .setSecretId(secretId)
                .setRegisteredAt(Instant.now())
                .setInitiator("verifier-it")
                .setSecretClass("database")
                .setOwner("verifier-it")
                .setCadence("P30D")
                .setStore(new StoreRef(MOUNT, secretId))
                .setTarget(target)
                .build();
        send(Topics.SECRET_REGISTRY, secretId, registered);
    }

    /** Writes the staging entry of the secret registered at its id, where the rotator writes it (create-only). */
    StoreRef stage(String secretId, String username, String password) {
        String path = StagingPaths.of(StagingPaths.DEFAULT_PREFIX, secretId);
        Map<String, Object> data = Map.of("username", username, "password", password, "rotationId", "bookkeeping", "previousVersion", 3);
        vault.secrets().kv2(MOUNT).updateSecret(path, new VaultSecretsKV2UpdateSecretOptions().setCas(0), data)
                .toCompletableFuture().join();
        return new StoreRef(MOUNT, path);
    }

    static SecretUpdated secretUpdated(String secretId, TargetRef target, StoreRef staging) {
        return SecretUpdated.newBuilder()
                .setEventId(UUID.randomUUID())
                .setRotationId(UUID.randomUUID().toString())
                .setSecretId(secretId)
                .setOccurredAt(Instant.now())
                .setTarget(target)
                .setStaging(staging)
                .setPreviousStoreVersion(3)
                .build();
    }

    void publish(SecretUpdated event) throws Exception {
        send(Topics.SECRET_UPDATED, event.getSecretId(), event);
    }

    void publishRaw(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }

    private void send(String topic, String key, Object value) throws Exception {
        publishRaw(topic, key, serializer.serialize(topic, value));
    }

    ConsumerRecord<String, byte[]> awaitRecord(String topic, String key) {
        try (KafkaConsumer<String, byte[]> consumer = newConsumer()) {
            consumer.subscribe(List.of(topic));
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        return record;
                    }
                }
            }
        }
        throw new AssertionError("no record keyed " + key + " arrived on " + topic + " within " + TIMEOUT);
    }

    /** Every record keyed {@code key} on the topic, read up to its current end. */
    List<ConsumerRecord<String, byte[]>> recordsKeyed(String topic, String key) {
        List<ConsumerRecord<String, byte[]>> keyed = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = newConsumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plus(TIMEOUT);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (Instant.now().isAfter(deadline)) {
                    throw new AssertionError(topic + " could not be read to its end within " + TIMEOUT);
                }
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        keyed.add(record);
                    }
                }
            }
        }
        return keyed;
    }

    /**
     * Waits until the verifier's group has committed every record on secret.updated: from then on, everything it was
     * going to do with the records published so far (a verdict, a dead letter) is done.
     */
    void awaitVerifierCaughtUp() {
        try (Admin admin = Admin.create(RotorStack.kafka().administratorSettings())) {
            await().atMost(TIMEOUT).pollInterval(Duration.ofMillis(250)).until(() -> lag(admin) == 0);
        }
    }

    private static long lag(Admin admin) throws Exception {
        Set<TopicPartition> partitions = admin.describeTopics(List.of(Topics.SECRET_UPDATED)).allTopicNames().get(10, TimeUnit.SECONDS)
                .get(Topics.SECRET_UPDATED).partitions().stream()
                .map(p -> new TopicPartition(Topics.SECRET_UPDATED, p.partition()))
                .collect(Collectors.toSet());
        Map<TopicPartition, Long> end = new HashMap<>();
        admin.listOffsets(partitions.stream().collect(Collectors.toMap(p -> p, p -> OffsetSpec.latest()))).all()
                .get(10, TimeUnit.SECONDS).forEach((partition, info) -> end.put(partition, info.offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(VERIFIER_GROUP)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        return partitions.stream()
                .mapToLong(p -> end.get(p) - (committed.get(p) == null ? 0 : committed.get(p).offset()))
                .sum();
    }

    private static KafkaConsumer<String, byte[]> newConsumer() {
        Map<String, Object> config = new HashMap<>(RotorStack.kafka().administratorSettings());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "verifier-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    static <T> T deserialize(String topic, byte[] value, Class<T> type) {
        try (AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>()) {
            deserializer.configure(serdeConfig(), false);
            return type.cast(deserializer.deserialize(topic, value));
        }
    }

    /** The stack's serde settings, with the event classes resolved as the verifier resolves them (application.properties). */
    private static Map<String, Object> serdeConfig() {
        Map<String, Object> config = new HashMap<>(RotorStack.registry().serdeConfig());
        config.put(AvroKafkaSerdeConfig.AVRO_DATUM_PROVIDER, SpecificRecordDatumProvider.class.getName());
        return config;
    }

    static String header(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        producer.close();
        serializer.close();
    }
}
