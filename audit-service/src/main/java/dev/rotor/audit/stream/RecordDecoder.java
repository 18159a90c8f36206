package dev.rotor.audit.stream;

import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Reads an input record (raw bytes) into its domain type inside the topology rather than in the
 * source's deserializer: a record that cannot be read (not Avro, an unknown schema id, a schema that is
 * not the topic's type) then flows on to the DLQ sink in the same transaction as everything else,
 * with the topic, partition and offset it came from. Kafka 4.1's deserialization handler can only
 * skip or fail; its own dead-letter queue (KIP-1034) is not in 4.1.
 */
final class RecordDecoder<T> implements FixedKeyProcessor<String, byte[], Decoded<T>> {

    private final Deserializer<SpecificRecord> deserializer;
    private final Function<SpecificRecord, T> mapping;
    private FixedKeyProcessorContext<String, Decoded<T>> context;

    RecordDecoder(Deserializer<SpecificRecord> deserializer, Function<SpecificRecord, T> mapping) {
        this.deserializer = deserializer;
        this.mapping = mapping;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Decoded<T>> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, byte[]> record) {
        if (record.value() == null) {
            // A tombstone (compaction of secret.registry, a producer's cleanup) carries no event.
            return;
        }
        RecordMetadata source = context.recordMetadata().orElseThrow();
        try {
            SpecificRecord avro = deserializer.deserialize(source.topic(), record.headers(), record.value());
            context.forward(record.withValue(Decoded.readable(mapping.apply(avro))));
        } catch (RuntimeException e) {
            context.forward(record.withValue(Decoded.unreadable(record.value(), source.topic(), source.partition(), source.offset(),
                    e.getClass().getSimpleName() + ": " + e.getMessage())));
        }
    }
}
