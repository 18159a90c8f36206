package dev.rotor.audit.stream;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.rotor.audit.chain.ChainKey;
import dev.rotor.audit.domain.RotationTimeline;
import dev.rotor.audit.domain.SecretState;
import dev.rotor.audit.metrics.AuditCounters;
import dev.rotor.contract.Topics;
import dev.rotor.schema.RotationIncomplete;
import dev.rotor.schema.SecretStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * The audit topology in a TopologyTestDriver with a registry-free Avro serde, persistent stores in a
 * temporary directory and a wall clock the test moves.
 */
public final class AuditDriver implements AutoCloseable {

    public static final TopologySettings SETTINGS = new TopologySettings(Duration.ofDays(7), Duration.ofMinutes(15),
            Duration.ofMinutes(2), Duration.ofSeconds(30), Duration.ofMinutes(1));

    /** A fixed key, so that runs are reproducible; the service's comes from Vault. */
    public static final ChainKey CHAIN_KEY = ChainKey.of("audit-driver-chain-key-32-bytes!".getBytes(StandardCharsets.US_ASCII));

    public static final AvroSerdes REGISTRY_FREE = new AvroSerdes() {
        @Override
        public <T extends SpecificRecord> Serde<T> serde() {
            return new RegistryFreeAvroSerde<>();
        }
    };

    public final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    public final TopologyTestDriver driver;
    public final TestOutputTopic<String, String> audit;
    public final TestOutputTopic<String, SecretStatus> status;
    public final TestOutputTopic<String, RotationIncomplete> incomplete;
    public final TestOutputTopic<String, byte[]> deadLetters;
    public final TestOutputTopic<String, String> checkpoints;
    private final Map<String, TestInputTopic<String, SpecificRecord>> inputs = new HashMap<>();

    public AuditDriver(Path stateDir, Instant wallClock) {
        Properties config = new Properties();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, "rotor-audit-test");
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "not-used:9092");
        config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        config.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndSkipUnreadableRecord.class);
        driver = new TopologyTestDriver(AuditTopology.build(REGISTRY_FREE, SETTINGS, CHAIN_KEY, new AuditCounters(meters)), config, wallClock);
        audit = driver.createOutputTopic(Topics.ROTATION_AUDIT, new StringDeserializer(), new StringDeserializer());
        status = driver.createOutputTopic(Topics.SECRET_STATUS, new StringDeserializer(),
                new RegistryFreeAvroSerde<SecretStatus>().deserializer());
        incomplete = driver.createOutputTopic(Topics.ROTATION_INCOMPLETE, new StringDeserializer(),
                new RegistryFreeAvroSerde<RotationIncomplete>().deserializer());
        deadLetters = driver.createOutputTopic(AuditTopology.DEAD_LETTER_TOPIC, new StringDeserializer(), new ByteArrayDeserializer());
        checkpoints = driver.createOutputTopic(Topics.ROTATION_AUDIT_CHECKPOINTS, new StringDeserializer(), new StringDeserializer());
    }

    /** Publishes a lifecycle event or registration on its topic, timestamped when it happened. */
    public void publish(SpecificRecord event) {
        String topic = Topics.AVRO_TOPICS.stream()
                .filter(candidate -> candidate.valueSchema().equals(event.getSchema()))
                .findFirst().orElseThrow().name();
        String secretId = (String) event.get(event.getSchema().getField("secretId").pos());
        Object at = event.getSchema().getField("occurredAt") != null
                ? event.get(event.getSchema().getField("occurredAt").pos())
                : event.get(event.getSchema().getField("registeredAt").pos());
        inputs.computeIfAbsent(topic, name -> driver.createInputTopic(name, new StringSerializer(),
                new RegistryFreeAvroSerde<SpecificRecord>().serializer())).pipeInput(secretId, event, (Instant) at);
    }

    public void publishRaw(String topic, String key, byte[] value) {
        driver.createInputTopic(topic, new StringSerializer(), new ByteArraySerializer()).pipeInput(key, value);
    }

    public void advanceWallClock(Duration by) {
        driver.advanceWallClockTime(by);
    }

    public RotationTimeline timeline(String rotationId) {
        KeyValueStore<String, RotationTimeline> store = driver.getKeyValueStore(AuditTopology.ROTATION_TIMELINE_STORE);
        return store.get(rotationId);
    }

    public SecretState secretState(String secretId) {
        KeyValueStore<String, SecretState> store = driver.getKeyValueStore(AuditTopology.SECRET_STATUS_STORE);
        return store.get(secretId);
    }

    public List<String> incompleteRotationIds() {
        KeyValueStore<String, String> store = driver.getKeyValueStore(AuditTopology.INCOMPLETE_ROTATIONS_STORE);
        try (KeyValueIterator<String, String> all = store.all()) {
            List<String> ids = new ArrayList<>();
            all.forEachRemaining(entry -> ids.add(entry.key));
            return ids;
        }
    }

    public SecretStatus latestStatus() {
        List<SecretStatus> published = status.readValuesToList();
        if (published.isEmpty()) {
            throw new AssertionError("no SecretStatus was published");
        }
        return published.get(published.size() - 1);
    }

    @Override
    public void close() {
        driver.close();
    }
}
