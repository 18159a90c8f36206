package dev.rotor.scheduler.it;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.rotor.contract.SpecificRecordDatumProvider;
import dev.rotor.stack.testing.RotorStack;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/**
 * Plain Kafka clients on the test stack, with the services' serde: what another service would see.
 * The serde finds the generated Avro classes through the thread's context class loader, which must
 * be the test's (Quarkus') loader, the one these classes come from.
 */
final class StackTopics {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Map<String, Object> SERDE = serde();

    private StackTopics() {
    }

    static void publish(String topic, String key, Object avroValue) throws Exception {
        useTestClassLoader();
        AvroKafkaSerializer<Object> serializer = new AvroKafkaSerializer<>();
        serializer.configure(SERDE, false);
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(topic, key, avroValue)).get();
        }
    }

    static void publishRaw(String topic, String key, byte[] value) throws Exception {
        useTestClassLoader();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Reads the topic from the start until a record matches, and returns it. */
    static <V> ConsumerRecord<String, V> awaitAvro(String topic, Predicate<ConsumerRecord<String, V>> match) {
        useTestClassLoader();
        AvroKafkaDeserializer<V> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(SERDE, false);
        return firstMatch(topic, deserializer, match);
    }

    static ConsumerRecord<String, byte[]> awaitRaw(String topic, Predicate<ConsumerRecord<String, byte[]>> match) {
        useTestClassLoader();
        return firstMatch(topic, new ByteArrayDeserializer(), match);
    }

    static String cleanupPolicy(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(RotorStack.kafka().administratorSettings())) {
            return admin.describeConfigs(List.of(resource)).all().get().get(resource).get(TopicConfig.CLEANUP_POLICY_CONFIG).value();
        }
    }

    /** Every record of the topic with this key, read from the start once the first one is there. */
    static List<ConsumerRecord<String, Object>> allWithKey(String topic, String key) {
        useTestClassLoader();
        AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(SERDE, false);
        List<ConsumerRecord<String, Object>> found = new ArrayList<>();
        try (KafkaConsumer<String, Object> consumer = consumer(deserializer)) {
            consumer.subscribe(List.of(topic));
            // Several polls past the end: records of one key are on one partition, in order.
            for (int emptyPolls = 0; emptyPolls < 5; ) {
                var records = consumer.poll(Duration.ofSeconds(1));
                emptyPolls = records.isEmpty() ? emptyPolls + 1 : 0;
                records.forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }

    private static <V> ConsumerRecord<String, V> firstMatch(String topic, Deserializer<V> deserializer, Predicate<ConsumerRecord<String, V>> match) {
        List<ConsumerRecord<String, V>> matched = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = consumer(deserializer)) {
            consumer.subscribe(List.of(topic));
            await().atMost(WAIT).pollInSameThread().until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> {
                    if (match.test(record)) {
                        matched.add(record);
                    }
                });
                return !matched.isEmpty();
            });
        }
        return matched.get(0);
    }

    // The services' serde settings, with the provider that finds the generated classes in the test's loader.
    private static Map<String, Object> serde() {
        Map<String, Object> serde = new HashMap<>(RotorStack.registry().serdeConfig());
        serde.put("apicurio.registry.avro-datum-provider", SpecificRecordDatumProvider.class.getName());
        return serde;
    }

    private static void useTestClassLoader() {
        Thread.currentThread().setContextClassLoader(StackTopics.class.getClassLoader());
    }

    private static <V> KafkaConsumer<String, V> consumer(Deserializer<V> deserializer) {
        Map<String, Object> config = new HashMap<>();
        config.putAll(RotorStack.kafka().administratorSettings());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "scheduler-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(config, new StringDeserializer(), deserializer);
    }

    private static Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.putAll(RotorStack.kafka().administratorSettings());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }
}
