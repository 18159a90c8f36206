package dev.rotor.audit.stream;

import java.time.Duration;
import java.time.Instant;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import dev.rotor.audit.domain.LifecycleEvent;
import dev.rotor.audit.metrics.AuditCounters;

/**
 * Passes each eventId once. Events are delivered at least once and a repeated step republishes its
 * eventId; every event of a secret arrives on that secret's partition, so this task sees all copies.
 */
final class FirstDeliveryFilter implements FixedKeyProcessor<String, LifecycleEvent, LifecycleEvent> {

    private final Duration window;
    private final AuditCounters counters;
    private FixedKeyProcessorContext<String, LifecycleEvent> context;
    private WindowStore<String, Long> seen;

    FirstDeliveryFilter(Duration window, AuditCounters counters) {
        this.window = window;
        this.counters = counters;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, LifecycleEvent> context) {
        this.context = context;
        this.seen = context.getStateStore(AuditTopology.SEEN_EVENTS_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, LifecycleEvent> record) {
        String eventId = record.value().eventId();
        Instant at = Instant.ofEpochMilli(record.timestamp());
        try (WindowStoreIterator<Long> earlier = seen.fetch(eventId, at.minus(window), at.plus(window))) {
            if (earlier.hasNext()) {
                counters.redelivered();
                return;
            }
        }
        seen.put(eventId, record.timestamp(), record.timestamp());
        context.forward(record);
    }
}
