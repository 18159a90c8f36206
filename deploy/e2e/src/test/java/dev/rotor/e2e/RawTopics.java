package dev.rotor.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import dev.rotor.stack.testing.RotorStack;

/** Topics as bytes: what a malformed publisher sends and what anyone with read access sees. */
final class RawTopics {

    private RawTopics() {
    }

    static void publish(String topic, byte[] key, byte[] value) throws Exception {
        Map<String, Object> config = RotorServices.broker().administratorSettings();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    /** Every record of every non-internal topic, from the beginning. */
    static List<ConsumerRecord<byte[], byte[]>> readAll() throws Exception {
        Set<String> topics;
        try (Admin admin = Admin.create(RotorServices.broker().administratorSettings())) {
            topics = admin.listTopics().names().get();
        }
        return read(topics.stream().filter(t -> !t.startsWith("__")).toList());
    }

    static List<ConsumerRecord<byte[], byte[]>> read(List<String> topics) {
        Map<String, Object> config = new HashMap<>(RotorServices.broker().administratorSettings());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-raw-" + UUID.randomUUID());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = topics.stream()
                    .flatMap(t -> consumer.partitionsFor(t, Duration.ofSeconds(10)).stream())
                    .map(p -> new TopicPartition(p.topic(), p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            Instant deadline = Instant.now().plusSeconds(60);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && Instant.now().isBefore(deadline)) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
        }
        return records;
    }
}
