package dev.rotor.contract;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerdeConfig;

/**
 * The latest value of every key of a compacted Avro topic, as one service reads it for itself: a consumer without a
 * group that is assigned every partition and reads from the beginning. Every lookup first reads up to the topic's
 * current end, so a record written before the lookup began is always seen, whatever the lag between topics.
 *
 * <p>Values are decoded here rather than by the consumer, one record at a time: a record that does not decode (or
 * that the decoder rejects) is logged, reported to {@code onUnreadable} and skipped, and its key keeps its value —
 * only a null value, a tombstone, deletes a key. A broker or schema registry that does not answer is a
 * {@link CompactedTopicUnavailable}, and the record is read again at the next lookup rather than skipped.
 *
 * @param <V> what a record's value decodes to
 */
public final class CompactedTopicView<V> implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(CompactedTopicView.class.getName());
    private static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);

    private final String topic;
    private final KafkaConsumer<String, byte[]> consumer;
    private final AvroKafkaDeserializer<Object> deserializer = new AvroKafkaDeserializer<>();
    private final Function<Object, V> decoder;
    private final String expected;
    private final Runnable onUnreadable;
    // In the order applied: a key re-written moves to the end, so the newest value of a key comes last.
    private final Map<String, V> latest = new LinkedHashMap<>();

    /**
     * @param kafka the service's {@code kafka.*} settings (the {@code default-kafka-broker} bean): the broker, the login,
     *        and the {@code apicurio.registry.*} serde settings its channels' dead letters are written with
     * @param type the Avro record type of the topic's values; a value of another type is unreadable
     * @param decoder from the record to what the service keeps; an exception it throws makes the record unreadable
     * @param onUnreadable called once per record skipped, e.g. to count it
     */
    public <R> CompactedTopicView(Map<String, Object> kafka, String topic, Class<R> type, Function<? super R, ? extends V> decoder,
            Runnable onUnreadable) {
        this.topic = topic;
        this.decoder = value -> decoder.apply(type.cast(value));
        this.expected = type.getSimpleName();
        this.onUnreadable = onUnreadable;
        Map<String, Object> props = new HashMap<>(kafka);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // The topic exists compacted (deploy/kafka/bus.tsv); a consumer must never create it otherwise.
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, "false");
        // The producers' settings say nothing about reading: values come back as the generated classes, with their
        // logical types, found in the application's class loader (see SpecificRecordDatumProvider).
        props.put(AvroKafkaSerdeConfig.USE_SPECIFIC_AVRO_READER, "true");
        props.putIfAbsent(AvroKafkaSerdeConfig.AVRO_DATUM_PROVIDER, SpecificRecordDatumProvider.class.getName());
        deserializer.configure(props, false);
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** The key's value, read up to the topic's current end. */
    public synchronized Optional<V> find(String key) {
        catchUp();
        return Optional.ofNullable(latest.get(key));
    }

    /** Every key's value, read up to the topic's current end, the one written last at the end. */
    public synchronized List<V> values() {
        catchUp();
        return List.copyOf(latest.values());
    }

    /** Every key's value as known after the last lookup, without asking the broker. */
    public synchronized List<V> valuesAsLastRead() {
        return List.copyOf(latest.values());
    }

    private void catchUp() {
        try {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, BROKER_TIMEOUT).stream()
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
            throw new CompactedTopicUnavailable("the broker did not answer for " + topic + ": " + e.getMessage(), e);
        }
    }

    /** Applies a batch; when the registry fails mid-way, every partition is set back to its first record not applied. */
    private void applyAll(ConsumerRecords<String, byte[]> batch) {
        List<TopicPartition> partitions = List.copyOf(batch.partitions());
        for (int i = 0; i < partitions.size(); i++) {
            for (ConsumerRecord<String, byte[]> record : batch.records(partitions.get(i))) {
                try {
                    apply(record);
                } catch (CompactedTopicUnavailable e) {
                    consumer.seek(partitions.get(i), record.offset());
                    partitions.subList(i + 1, partitions.size()).forEach(p -> consumer.seek(p, batch.records(p).get(0).offset()));
                    throw e;
                }
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            latest.remove(record.key());
            return;
        }
        V value;
        try {
            value = decoder.apply(deserializer.deserialize(record.topic(), record.headers(), record.value()));
        } catch (RuntimeException e) {
            if (causedByIo(e)) {
                // Not the record's fault: it is read again at the next lookup, once the registry answers.
                throw new CompactedTopicUnavailable("the schema registry did not answer while reading " + topic + ": "
                        + e.getMessage(), e);
            }
            onUnreadable.run();
            LOG.log(System.Logger.Level.WARNING, "Record {0}-{1}@{2} (key {3}) is not a usable {4} ({5}); skipped, the key keeps"
                    + " its value", record.topic(), String.valueOf(record.partition()), String.valueOf(record.offset()), record.key(),
                    expected, e.getMessage());
            return;
        }
        latest.remove(record.key());
        latest.put(record.key(), value);
    }

    private static boolean causedByIo(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    @Override
    public synchronized void close() {
        consumer.close(Duration.ofSeconds(5));
        deserializer.close();
    }
}
