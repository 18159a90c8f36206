package dev.rotor.audit.stream;

import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.rotor.audit.chain.ChainLink;
import dev.rotor.audit.domain.LifecycleEvent;
import dev.rotor.audit.mapping.AuditRecordMapper;

/**
 * Writes each event's SIEM record chained to the previous record of its secret (see AuditChain). The
 * end of each chain is a state store, so with exactly-once the stored link and the written record
 * commit together: a crash can neither fork a chain nor skip a link.
 */
final class ChainedAuditRecords implements FixedKeyProcessor<String, LifecycleEvent, String> {

    private FixedKeyProcessorContext<String, String> context;
    private KeyValueStore<String, ChainLink> chains;

    @Override
    public void init(FixedKeyProcessorContext<String, String> context) {
        this.context = context;
        this.chains = context.getStateStore(AuditTopology.AUDIT_CHAIN_STORE);
    }

    @Override
    public void process(FixedKeyRecord<String, LifecycleEvent> record) {
        ChainLink previous = chains.get(record.key());
        if (previous == null) {
            previous = ChainLink.genesis();
        }
        String value = AuditRecordMapper.toJson(record.value(), previous);
        chains.put(record.key(), previous.next(value));
        context.forward(record.withValue(value));
    }
}
