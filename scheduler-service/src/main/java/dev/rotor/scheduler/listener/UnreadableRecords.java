package dev.rotor.scheduler.listener;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import dev.rotor.contract.Topics;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;

/**
 * Tells a tombstone (no value bytes: the key is deleted) from a bad record (value bytes that could not be decoded, which
 * ViewRecordDecoding hands over as null with the connector's deserialization-failure headers). A bad record is counted
 * ({@code rotor_scheduler_unreadable_records_total{topic}}) and refused with {@link UnreadableRecordException}, which the
 * channel's dead-letter strategy sends to {@code <topic>.dlq} with the reason and the original bytes; the key's state is
 * left as it was.
 */
@ApplicationScoped
class UnreadableRecords {

    private final MeterRegistry meters;

    UnreadableRecords(MeterRegistry meters) {
        this.meters = meters;
    }

    /**
     * The record's value; empty for a tombstone.
     *
     * @throws UnreadableRecordException the value bytes could not be decoded
     */
    <V> Optional<V> valueOf(ConsumerRecord<String, V> record) {
        if (unreadable(record)) {
            meters.counter("rotor.scheduler.unreadable.records", "topic", record.topic()).increment();
            throw new UnreadableRecordException(record.topic() + "-" + record.partition() + " offset " + record.offset() + " (key "
                    + record.key() + ") could not be decoded: " + reason(record) + ". It was skipped and dead-lettered to "
                    + Topics.deadLetter(record.topic()) + "; the key keeps its previous state. Write a valid record (or a tombstone"
                    + " to delete the key) if the bad one was meant to change it");
        }
        return Optional.ofNullable(record.value());
    }

    /** Null with the failure headers: decoding failed. A tombstone has no headers of the kind. */
    private static boolean unreadable(ConsumerRecord<?, ?> record) {
        return record.value() == null && record.headers() != null
                && record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_DESERIALIZER) != null;
    }

    private static String reason(ConsumerRecord<?, ?> record) {
        Header reason = record.headers().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
        return reason == null ? "no reason given" : new String(reason.value(), StandardCharsets.UTF_8);
    }

    static final class UnreadableRecordException extends RuntimeException {

        UnreadableRecordException(String message) {
            super(message);
        }
    }
}
