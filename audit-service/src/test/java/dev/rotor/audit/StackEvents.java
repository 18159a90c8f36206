package dev.rotor.audit;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.rotor.contract.Topics;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;
import dev.rotor.stack.testing.RotorStack;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/** Events on the real topics of the test stack, published as the services publish them (Avro, registry, key = secretId). */
public final class StackEvents {

    private StackEvents() {
    }

    /** Each event to the topic of its type, keyed by its secretId. */
    public static void publish(SpecificRecord... events) throws Exception {
        AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();
        serializer.configure(RotorStack.registry().serdeConfig(), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), serializer)) {
            for (SpecificRecord event : events) {
                String topic = Topics.AVRO_TOPICS.stream()
                        .filter(candidate -> candidate.valueSchema().equals(event.getSchema()))
                        .findFirst().orElseThrow().name();
                String secretId = String.valueOf(event.get(event.getSchema().getField("secretId").pos()));
                producer.send(new ProducerRecord<>(topic, secretId, event)).get();
            }
        }
    }

    public static void publishRaw(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** A PostgreSQL role registered with the scheduler at {@code registeredAt}. */
    public static SecretRegistered registration(String secretId, String secretClass, String owner, String cadence, Instant registeredAt) {
        return SecretRegistered.newBuilder()
                .setSecretId(secretId).setRegisteredAt(registeredAt).setInitiator("audit-test")
                .setSecretClass(secretClass).setOwner(owner).setCadence(cadence)
                .setStore(StoreRef.newBuilder().setMount("secret").setPath(secretId).build())
                .setTarget(TargetRef.newBuilder().setType("postgresql").setHost("127.0.0.1").setPort(5433).setDatabase("rotor")
                        .setRole(secretId.replace('/', '_')).setAdminPath("admin/pg").build())
                .build();
    }

    /** Every record on the topic now, as bytes, from the beginning to the current end. */
    public static List<ConsumerRecord<String, byte[]>> readAll(String topic) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        Map<String, Object> config = new HashMap<>(RotorStack.kafka().administratorSettings());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }

    private static Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(RotorStack.kafka().administratorSettings());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }
}
