package dev.rotor.audit.verify;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.rotor.audit.chain.ChainKey;
import dev.rotor.contract.Topics;
import io.smallrye.common.annotation.Identifier;

/**
 * Checks rotation.audit as the SIEM received it: the topic itself, read with a plain consumer from
 * the beginning to the end offsets of the moment the check starts — never the audit's own stores,
 * which would only prove what the audit believes it wrote. Committed records only (the audit writes
 * transactionally), partition by partition in offset order. The checkpoints are read first: a
 * checkpoint commits with or after the records it vouches for, so every record a checkpoint read
 * here vouches for is below the end offsets taken afterwards.
 */
@ApplicationScoped
public class AuditLogReader {

    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(5);

    private final Map<String, Object> kafka;
    private final ChainKey key;

    AuditLogReader(@Identifier("default-kafka-broker") Map<String, Object> kafka, ChainKey key) {
        this.kafka = kafka;
        this.key = key;
    }

    public ChainVerification verify(String onlySecretId) {
        ChainVerifier verifier = new ChainVerifier(onlySecretId, key);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new ByteArrayDeserializer())) {
            readTopic(consumer, Topics.ROTATION_AUDIT_CHECKPOINTS,
                    record -> verifier.acceptCheckpoint(record.key(), record.partition(), record.offset(), record.value()));
            readTopic(consumer, Topics.ROTATION_AUDIT,
                    record -> verifier.accept(record.key(), record.partition(), record.offset(), record.value()));
        }
        return verifier.result();
    }

    /** One partition at a time, so that "first break" means the same thing on every run. */
    private static void readTopic(KafkaConsumer<String, byte[]> consumer, String topic, Consumer<ConsumerRecord<String, byte[]>> sink) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(info.topic(), info.partition()))
                .sorted(Comparator.comparingInt(TopicPartition::partition))
                .toList();
        Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            readPartition(consumer, partition, ends.get(partition), sink);
        }
    }

    private static void readPartition(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long end, Consumer<ConsumerRecord<String, byte[]>> sink) {
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        Instant giveUp = Instant.now().plus(GIVE_UP_AFTER);
        while (consumer.position(partition) < end) {
            if (Instant.now().isAfter(giveUp)) {
                throw new IllegalStateException("Reading " + partition + " up to offset " + end + " took longer than " + GIVE_UP_AFTER
                        + " (at offset " + consumer.position(partition) + "): is the broker overloaded? Retry, or verify one secret.");
            }
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                if (record.offset() < end) {
                    sink.accept(record);
                }
            }
        }
    }

    private Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "rotor-audit-chain-verify");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        // A check must not create the topics it checks (the audit creates them, with their own settings).
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        return config;
    }
}
