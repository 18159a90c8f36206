package dev.rotor.audit.stream;

import java.time.Duration;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.rotor.audit.domain.LifecycleEvent;
import dev.rotor.audit.domain.RotationTimeline;
import dev.rotor.audit.domain.SecretState;
import dev.rotor.audit.mapping.AuditRecordMapper;
import dev.rotor.audit.mapping.LifecycleEventMapper;
import dev.rotor.audit.mapping.SecretStatusMapper;
import dev.rotor.contract.Topics;
import dev.rotor.schema.SecretStatus;

/**
 * The audit pipeline: every lifecycle topic, read as one stream keyed by secretId, each event once;
 * out go the SIEM's JSON record per event, the status of each secret and, re-keyed by rotation, each
 * rotation's timeline. The serdes of the Avro topics are parameters so that tests run it without a
 * registry.
 */
public final class AuditTopology {

    /** eventIds already audited, per secret partition; a window store, so old ids expire. */
    public static final String SEEN_EVENTS_STORE = "seen-event-ids";
    /** {@link SecretState} by secretId. */
    public static final String SECRET_STATUS_STORE = "secret-status";
    /** {@link RotationTimeline} by rotationId. */
    public static final String ROTATION_TIMELINE_STORE = "rotation-timelines";

    private AuditTopology() {
    }

    public static List<String> inputTopics() {
        return Topics.LIFECYCLE_TOPICS.stream().map(Topics.AvroTopic::name).toList();
    }

    public static Topology build(Serde<SpecificRecord> lifecycleSerde, Serde<SecretStatus> statusSerde, Duration dedupeWindow) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN_EVENTS_STORE, dedupeWindow, dedupeWindow, false),
                Serdes.String(), Serdes.Long()));
        Serde<LifecycleEvent> eventSerde = JsonSerde.of(LifecycleEvent.class);

        KStream<String, LifecycleEvent> events = builder
                .stream(inputTopics(), Consumed.with(Serdes.String(), lifecycleSerde).withName("lifecycle-topics"))
                .filter((secretId, record) -> record != null, Named.as("skip-tombstones"))
                .mapValues(LifecycleEventMapper::fromAvro, Named.as("to-lifecycle-event"))
                .processValues(() -> new FirstDeliveryFilter(dedupeWindow), Named.as("first-delivery-only"), SEEN_EVENTS_STORE);

        events.mapValues(AuditRecordMapper::toJson, Named.as("to-audit-record"))
                .to(Topics.ROTATION_AUDIT, Produced.with(Serdes.String(), Serdes.String()).withName("rotation-audit"));

        // The topics share the key and the partition count, so each secret's events meet in one task.
        events.groupByKey(Grouped.with("events-by-secret", Serdes.String(), eventSerde))
                .aggregate(SecretState::unknown, (secretId, event, state) -> state.apply(event), Named.as("fold-secret-status"),
                        Materialized.<String, SecretState, KeyValueStore<Bytes, byte[]>>as(SECRET_STATUS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(SecretState.class)))
                .toStream(Named.as("secret-status-changes"))
                .mapValues(SecretStatusMapper::toAvro, Named.as("to-secret-status"))
                .to(Topics.SECRET_STATUS, Produced.with(Serdes.String(), statusSerde).withName("secret-status"));

        events.groupBy((secretId, event) -> event.rotationId(), Grouped.with("events-by-rotation", Serdes.String(), eventSerde))
                .aggregate(RotationTimeline::empty, (rotationId, event, timeline) -> timeline.with(event), Named.as("fold-rotation-timeline"),
                        Materialized.<String, RotationTimeline, KeyValueStore<Bytes, byte[]>>as(ROTATION_TIMELINE_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(RotationTimeline.class)));

        return builder.build();
    }
}
