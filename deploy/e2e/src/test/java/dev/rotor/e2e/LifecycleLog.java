package dev.rotor.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.rotor.contract.Topics;
import dev.rotor.stack.testing.RotorStack;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;

/** Every lifecycle event on the real topics, as a consumer outside Rotor sees them. */
final class LifecycleLog implements AutoCloseable {

    static final List<String> TERMINAL_TYPES = List.of("RotationCompleted", "RotationRolledBack", "RollbackFailed", "RotationFailed");

    private final KafkaConsumer<String, SpecificRecord> consumer;
    private final List<SpecificRecord> events = new CopyOnWriteArrayList<>();
    private final Thread poller;
    /** Per partition, the offset after the last record read: how far this log has caught up. */
    private final Map<TopicPartition, Long> readUpTo = new ConcurrentHashMap<>();

    LifecycleLog() {
        Map<String, Object> config = new HashMap<>(RotorStack.registry().serdeConfig());
        config.putAll(RotorServices.broker().administratorSettings());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "e2e-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        AvroKafkaDeserializer<SpecificRecord> values = new AvroKafkaDeserializer<>();
        values.configure(config, false);
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), values);
        consumer.subscribe(Topics.LIFECYCLE_TOPICS.stream().map(Topics.AvroTopic::name).toList());
        poller = new Thread(this::poll, "e2e-lifecycle-log");
        poller.setDaemon(true);
        poller.start();
    }

    /** Every event so far, in arrival order. */
    List<SpecificRecord> all() {
        return List.copyOf(events);
    }

    /** The events of one rotation, in arrival order. */
    List<SpecificRecord> of(String rotationId) {
        return events.stream().filter(e -> rotationId.equals(String.valueOf(e.get(e.getSchema().getField("rotationId").pos())))).toList();
    }

    List<String> typesOf(String rotationId) {
        return of(rotationId).stream().map(e -> e.getSchema().getName()).toList();
    }

    /** Terminal events of a rotation, counted once per eventId (a repeated step repeats its id). */
    List<String> terminalsOf(String rotationId) {
        return of(rotationId).stream()
                .filter(e -> TERMINAL_TYPES.contains(e.getSchema().getName()))
                .map(e -> e.getSchema().getName() + "/" + e.get(e.getSchema().getField("eventId").pos()))
                .distinct()
                .map(s -> s.substring(0, s.indexOf('/')))
                .toList();
    }

    /** Waits until this log has read every lifecycle topic up to where it ends now. */
    void awaitCaughtUp() throws Exception {
        Map<TopicPartition, Long> end;
        try (Admin admin = Admin.create(RotorServices.broker().administratorSettings())) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (var description : admin.describeTopics(Topics.LIFECYCLE_TOPICS.stream().map(Topics.AvroTopic::name).toList())
                    .allTopicNames().get().values()) {
                description.partitions().forEach(p -> latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
            }
            end = new HashMap<>();
            admin.listOffsets(latest).all().get().forEach((partition, info) -> end.put(partition, info.offset()));
        }
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> end.entrySet().stream()
                .allMatch(e -> e.getValue() == 0 || readUpTo.getOrDefault(e.getKey(), 0L) >= e.getValue()));
    }

    private void poll() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                        events.add(r.value());
                        readUpTo.merge(new TopicPartition(r.topic(), r.partition()), r.offset() + 1, Math::max);
                    });
                } catch (RecordDeserializationException malformed) {
                    // The DLQ tests publish undecodable records on purpose: step over them.
                    consumer.seek(malformed.topicPartition(), malformed.offset() + 1);
                    readUpTo.merge(malformed.topicPartition(), malformed.offset() + 1, Math::max);
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poller up
        } finally {
            consumer.close();
        }
    }

    @Override
    public void close() throws InterruptedException {
        consumer.wakeup();
        poller.join(10_000);
    }
}
