package dev.rotor.audit.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.rotor.audit.chain.ChainKey;
import dev.rotor.audit.chain.ChainLink;
import dev.rotor.audit.chain.Checkpoint;
import dev.rotor.audit.domain.LifecycleEvent;
import dev.rotor.audit.mapping.AuditRecordMapper;

/**
 * Writes each event's SIEM record chained with the key to the previous record of its secret (see
 * AuditChain), and every {@code checkpointInterval} of wall-clock time in which a record was written
 * a signed {@link Checkpoint} of every chain end of its task. The end of each chain is a state store,
 * so with exactly-once the stored link, the written record and a checkpoint commit together: a crash
 * can neither fork a chain, skip a link, nor vouch for a record that is not on the topic.
 */
final class ChainedAuditRecords implements Processor<String, LifecycleEvent, String, String> {

    private final ChainKey key;
    private final Duration checkpointInterval;
    private ProcessorContext<String, String> context;
    private KeyValueStore<String, ChainLink> chains;
    // True at start, so that an instance that takes the task over vouches for what it restored.
    private boolean changedSinceCheckpoint = true;

    ChainedAuditRecords(ChainKey key, Duration checkpointInterval) {
        this.key = key;
        this.checkpointInterval = checkpointInterval;
    }

    @Override
    public void init(ProcessorContext<String, String> context) {
        this.context = context;
        this.chains = context.getStateStore(AuditTopology.AUDIT_CHAIN_STORE);
        // Wall-clock time: records that stop arriving must still be vouched for.
        context.schedule(checkpointInterval, PunctuationType.WALL_CLOCK_TIME, this::checkpoint);
    }

    @Override
    public void process(Record<String, LifecycleEvent> record) {
        ChainLink previous = chains.get(record.key());
        if (previous == null) {
            previous = ChainLink.genesis();
        }
        String value = AuditRecordMapper.toJson(record.value(), previous, key);
        chains.put(record.key(), previous.next(value));
        changedSinceCheckpoint = true;
        context.forward(record.withValue(value), AuditTopology.AUDIT_SINK);
    }

    private void checkpoint(long wallClockMs) {
        if (!changedSinceCheckpoint) {
            return;
        }
        Map<String, ChainLink> ends = new TreeMap<>();
        try (KeyValueIterator<String, ChainLink> all = chains.all()) {
            all.forEachRemaining(entry -> ends.put(entry.key, entry.value));
        }
        if (ends.isEmpty()) {
            return;
        }
        int partition = context.taskId().partition();
        Checkpoint checkpoint = Checkpoint.signed(key, partition, Instant.ofEpochMilli(wallClockMs), ends);
        context.forward(new Record<>(String.valueOf(partition), checkpoint.toJson(), wallClockMs), AuditTopology.CHECKPOINT_SINK);
        changedSinceCheckpoint = false;
    }
}
