package dev.rotor.audit.stream;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

import dev.rotor.audit.chain.ChainKey;
import dev.rotor.audit.chain.ChainLink;
import dev.rotor.audit.domain.CompletenessCheck;
import dev.rotor.audit.domain.LifecycleEvent;
import dev.rotor.audit.domain.RotationTimeline;
import dev.rotor.audit.domain.SecretRegistration;
import dev.rotor.audit.domain.SecretState;
import dev.rotor.audit.mapping.IncompletenessMapper;
import dev.rotor.audit.mapping.LifecycleEventMapper;
import dev.rotor.audit.mapping.SecretRegistrationMapper;
import dev.rotor.audit.mapping.SecretStatusMapper;
import dev.rotor.audit.metrics.AuditCounters;
import dev.rotor.contract.Topics;
import dev.rotor.schema.RotationIncomplete;
import dev.rotor.schema.SecretStatus;

/**
 * The audit pipeline: every lifecycle topic, read as one stream keyed by secretId, each event once.
 * Out go the SIEM's HMAC-chained JSON record per event and the chain's signed checkpoints; the
 * status of each secret, folded from its events and its registration; and, re-keyed by rotation,
 * each rotation's timeline and the findings about whether it is whole. Unreadable input records go
 * to {@link #DEAD_LETTER_TOPIC}. The Avro serdes, the chain key and the counters are parameters so
 * that tests and the benchmark run it without a registry or Vault.
 *
 * <p>secret.registry is joined by merging it into the same per-secret fold as the lifecycle events,
 * not as a GlobalKTable: a table join fires only on the stream side, so a secret that was registered
 * but never rotated, or whose policy changed, would get no status until its next event, and every
 * instance would hold every registration. The merge needs secret.registry co-partitioned with the
 * lifecycle topics (same key, same partition count: the broker default, 3 on Rotor's stack, and the
 * scheduler creates secret.registry with 3); TopicSetup refuses to start otherwise.
 */
public final class AuditTopology {

    /** eventIds already audited, per secret partition; a window store, so old ids expire. */
    public static final String SEEN_EVENTS_STORE = "seen-event-ids";
    /** {@link SecretState} by secretId. */
    public static final String SECRET_STATUS_STORE = "secret-status";
    /** {@link RotationTimeline} (with its findings) by rotationId. */
    public static final String ROTATION_TIMELINE_STORE = "rotation-timelines";
    /** rotationId -> epoch millis at which the clock may next produce a finding about it. */
    public static final String COMPLETENESS_WATCH_STORE = "completeness-watch";
    /** rotationId -> secretId of every rotation with an unresolved finding. */
    public static final String INCOMPLETE_ROTATIONS_STORE = "incomplete-rotations";
    /** secretId -> {@link ChainLink}: the end of each secret's chain on rotation.audit. */
    public static final String AUDIT_CHAIN_STORE = "audit-chain";
    /**
     * One DLQ for every record the audit cannot read, whichever topic it came from (the headers say
     * which): the other services' consumers already write their own rejects of the same topics to
     * {@code <topic>.dlq}, and one record rejected by two consumer groups there would look like two.
     */
    public static final String DEAD_LETTER_TOPIC = Topics.deadLetter(Topics.ROTATION_AUDIT);
    /** The sinks of the chain writer, which forwards records and checkpoints each to its own. */
    static final String AUDIT_SINK = "rotation-audit";
    static final String CHECKPOINT_SINK = "rotation-audit-checkpoints";

    private AuditTopology() {
    }

    public static List<String> inputTopics() {
        return Topics.LIFECYCLE_TOPICS.stream().map(Topics.AvroTopic::name).toList();
    }

    public static Topology build(AvroSerdes avro, TopologySettings settings, ChainKey chainKey, AuditCounters counters) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(SEEN_EVENTS_STORE, settings.dedupeWindow(), settings.dedupeWindow(), false),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(AUDIT_CHAIN_STORE),
                Serdes.String(), JsonSerde.of(ChainLink.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ROTATION_TIMELINE_STORE),
                Serdes.String(), JsonSerde.of(RotationTimeline.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(COMPLETENESS_WATCH_STORE),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(INCOMPLETE_ROTATIONS_STORE),
                Serdes.String(), Serdes.String()));
        Serde<SpecificRecord> incoming = avro.serde();
        Serde<LifecycleEvent> eventSerde = JsonSerde.of(LifecycleEvent.class);

        KStream<String, LifecycleEvent> events = readable(builder, inputTopics(), "lifecycle", incoming,
                LifecycleEventMapper::fromAvro, counters)
                .processValues(() -> new FirstDeliveryFilter(settings.dedupeWindow(), counters), Named.as("first-delivery-only"),
                        SEEN_EVENTS_STORE);
        KStream<String, SecretRegistration> registrations = readable(builder, List.of(Topics.SECRET_REGISTRY), "registry",
                incoming, SecretRegistrationMapper::fromAvro, counters);

        KStream<String, String> chained = events.process(() -> new ChainedAuditRecords(chainKey, settings.checkpointInterval()),
                Named.as("to-chained-audit-record"), AUDIT_CHAIN_STORE);
        chained.to(Topics.ROTATION_AUDIT, Produced.with(Serdes.String(), Serdes.String()).withName(AUDIT_SINK));
        chained.to(Topics.ROTATION_AUDIT_CHECKPOINTS, Produced.with(Serdes.String(), Serdes.String()).withName(CHECKPOINT_SINK));

        Serde<SecretStatus> statusSerde = avro.serde();
        events.mapValues(SecretFact::of, Named.as("event-as-fact"))
                .merge(registrations.mapValues(SecretFact::of, Named.as("registration-as-fact")), Named.as("secret-facts"))
                .groupByKey(Grouped.with("facts-by-secret", Serdes.String(), JsonSerde.of(SecretFact.class)))
                .aggregate(SecretState::unknown, (secretId, fact, state) -> fact.applyTo(state), Named.as("fold-secret-status"),
                        Materialized.<String, SecretState, KeyValueStore<Bytes, byte[]>>as(SECRET_STATUS_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(JsonSerde.of(SecretState.class)))
                .toStream(Named.as("secret-status-changes"))
                .mapValues(SecretStatusMapper::toAvro, Named.as("to-secret-status"))
                .to(Topics.SECRET_STATUS, Produced.with(Serdes.String(), statusSerde).withName("secret-status"));

        Serde<RotationIncomplete> findingSerde = avro.serde();
        CompletenessCheck check = new CompletenessCheck(settings.defaultDeadline(), settings.predecessorGrace());
        events.selectKey((secretId, event) -> event.rotationId(), Named.as("key-by-rotation"))
                .repartition(Repartitioned.with(Serdes.String(), eventSerde).withName("events-by-rotation"))
                .process(() -> new CompletenessTracker(check, settings.completenessCheckInterval()), Named.as("track-completeness"),
                        ROTATION_TIMELINE_STORE, COMPLETENESS_WATCH_STORE, INCOMPLETE_ROTATIONS_STORE)
                .selectKey((rotationId, finding) -> finding.secretId(), Named.as("key-finding-by-secret"))
                .mapValues(IncompletenessMapper::toAvro, Named.as("to-rotation-incomplete"))
                .to(Topics.ROTATION_INCOMPLETE, Produced.with(Serdes.String(), findingSerde).withName("rotation-incomplete"));

        return builder.build();
    }

    /** The records of the topics read into {@code T}; those that cannot be go to the DLQ. */
    private static <T> KStream<String, T> readable(StreamsBuilder builder, List<String> topics, String name,
            Serde<SpecificRecord> serde, Function<SpecificRecord, T> mapping, AuditCounters counters) {
        Map<String, KStream<String, Decoded<T>>> branches = builder
                .stream(topics, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName(name + "-topics"))
                .processValues(() -> new RecordDecoder<>(serde.deserializer(), mapping), Named.as("read-" + name))
                .split(Named.as(name + "-"))
                .branch((key, decoded) -> decoded.isReadable(), Branched.as("readable"))
                .defaultBranch(Branched.as("unreadable"));
        branches.get(name + "-unreadable")
                .processValues(() -> new DeadLetter<T>(counters), Named.as("set-aside-" + name))
                .to(DEAD_LETTER_TOPIC, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("dead-letter-" + name));
        return branches.get(name + "-readable").mapValues(Decoded::value, Named.as(name + "-values"));
    }
}
