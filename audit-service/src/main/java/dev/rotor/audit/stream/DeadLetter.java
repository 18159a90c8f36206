package dev.rotor.audit.stream;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.jboss.logging.Logger;

import dev.rotor.audit.metrics.AuditCounters;

/**
 * Sets an unreadable record aside: its bytes as they were, with where it came from and why in the
 * same headers SmallRye's dead-letter queues write (dead-letter-topic, -partition, -offset, -reason),
 * so one tool reads every DLQ of Rotor. Logged and counted; the audit of every other record goes on.
 */
final class DeadLetter<T> implements FixedKeyProcessor<String, Decoded<T>, byte[]> {

    private static final Logger LOG = Logger.getLogger(DeadLetter.class);
    private static final int MAX_REASON_CHARS = 1000;

    private final AuditCounters counters;
    private FixedKeyProcessorContext<String, byte[]> context;

    DeadLetter(AuditCounters counters) {
        this.counters = counters;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, byte[]> context) {
        this.context = context;
    }

    @Override
    public void process(FixedKeyRecord<String, Decoded<T>> record) {
        Decoded<T> unreadable = record.value();
        String reason = unreadable.reason().length() > MAX_REASON_CHARS
                ? unreadable.reason().substring(0, MAX_REASON_CHARS) : unreadable.reason();
        Headers headers = record.headers();
        put(headers, "dead-letter-topic", unreadable.topic());
        put(headers, "dead-letter-partition", Integer.toString(unreadable.partition()));
        put(headers, "dead-letter-offset", Long.toString(unreadable.offset()));
        put(headers, "dead-letter-reason", reason);
        counters.unreadable(unreadable.topic());
        LOG.errorf("Set aside an unreadable record of topic %s, partition %d, offset %d on %s: %s. It is not in the audit;"
                + " inspect it with: kcat -C -t %s -p %d -o %d -c 1", unreadable.topic(), unreadable.partition(),
                unreadable.offset(), AuditTopology.DEAD_LETTER_TOPIC, reason, unreadable.topic(), unreadable.partition(),
                unreadable.offset());
        context.forward(record.withValue(unreadable.raw()).withHeaders(headers));
    }

    private static void put(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
