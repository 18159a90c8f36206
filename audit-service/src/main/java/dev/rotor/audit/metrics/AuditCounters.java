package dev.rotor.audit.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * What the pipeline counts as it goes, for operators: records it could not read (set aside on the
 * DLQ) and redeliveries it recognised. Counted where they happen, so a restart starts them at zero,
 * as Prometheus expects of a counter.
 */
public class AuditCounters {

    private final MeterRegistry registry;
    private final Counter redelivered;

    public AuditCounters(MeterRegistry registry) {
        this.registry = registry;
        this.redelivered = Counter.builder("rotor.audit.redelivered.events")
                .description("Lifecycle events delivered again with an eventId already audited (at-least-once delivery); audited once")
                .register(registry);
    }

    public void redelivered() {
        redelivered.increment();
    }

    public void unreadable(String topic) {
        Counter.builder("rotor.audit.unreadable.records")
                .description("Records the audit could not read, set aside on its DLQ with topic, partition and offset")
                .tag("topic", topic)
                .register(registry)
                .increment();
    }
}
