package dev.rotor.audit.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;

import dev.rotor.audit.RotationEvents;
import dev.rotor.audit.stream.AuditDriver;
import dev.rotor.audit.metrics.AuditCounters;
import dev.rotor.audit.stream.AuditTopology;
import dev.rotor.contract.Topics;
import dev.rotor.schema.RotationFailureReason;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;
import dev.rotor.stack.EmbeddedKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * Replays lifecycle events (default 1,000,000) of 20,000 secrets through the audit topology running
 * in a real Kafka Streams instance against the real broker (embedded, KRaft, in this JVM), with the
 * production settings (exactly_once_v2, RocksDB stores, commit every second), and prints events/s,
 * heap used and the state stores' size on disk. The events are produced first; the clock runs from
 * the start of the streams instance until its consumer group has committed every input and
 * repartition record. Not a test: figures go in the README. Mix per rotation: 80% completed, 10%
 * verification failed and rolled back, 2% rollback failed, 8% failed before any change; 5% of
 * rotations arrive shuffled, 2% of events are redelivered, 0.5% of rotations lose their verification.
 *
 * <p>Why not TopologyTestDriver: it commits, and so flushes every RocksDB store, after each record,
 * which measures RocksDB flushes rather than the topology (about 200 events/s).
 *
 * <p>Run as the module README says (argument: number of events).
 */
public final class ReplayBenchmark {

    private static final int SECRETS = 20_000;
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final String APPLICATION_ID = "rotor-audit-bench";

    private ReplayBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        long target = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        Path dataDir = Files.createTempDirectory("rotor-audit-bench");
        try (EmbeddedKafka kafka = EmbeddedKafka.start(dataDir.resolve("kafka"), freePort(), freePort(), freePort())) {
            long[] produced = produce(kafka.administratorSettings(), target);
            System.out.printf("produced %,d lifecycle events (%,d rotations of %,d secrets) and %,d registrations%n",
                    produced[0], produced[1], SECRETS, SECRETS);
            Path stateDir = dataDir.resolve("streams");
            Properties config = new Properties();
            config.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
            config.putAll(kafka.administratorSettings());
            config.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
            config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
            config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1000);
            config.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 1024 * 1024);
            config.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, 1);
            config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
            long startNanos = System.nanoTime();
            try (KafkaStreams streams = new KafkaStreams(
                    AuditTopology.build(AuditDriver.REGISTRY_FREE, AuditDriver.SETTINGS, AuditDriver.CHAIN_KEY, new AuditCounters(new SimpleMeterRegistry())),
                    config);
                    Admin admin = Admin.create(kafka.administratorSettings())) {
                streams.start();
                awaitCaughtUp(admin);
                double seconds = (System.nanoTime() - startNanos) / 1e9;
                System.gc();
                long heapUsed = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                System.out.printf("time: %.1f s, throughput: %,.0f events/s%n", seconds, produced[0] / seconds);
                System.out.printf("heap used after GC (broker and streams in one JVM): %,d MiB (max %,d MiB)%n", heapUsed >> 20,
                        Runtime.getRuntime().maxMemory() >> 20);
                System.out.printf("state stores on disk: %,.1f MiB%n", sizeOf(stateDir) / 1048576.0);
            }
        } finally {
            deleteRecursively(dataDir);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static long[] produce(Map<String, Object> login, long target) {
        Map<String, Object> config = new HashMap<>(login);
        config.putAll(Map.of(ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 20, ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024));
        Serializer<SpecificRecord> avro = AuditDriver.REGISTRY_FREE.<SpecificRecord>serde().serializer();
        Random random = new Random(42);
        long events = 0;
        long rotations = 0;
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < SECRETS; i++) {
                send(producer, avro, registration(secretId(i)));
            }
            Instant at = START.plus(Duration.ofDays(1));
            while (events < target) {
                RotationEvents rotation = RotationEvents.rotation(secretId(random.nextInt(SECRETS)));
                List<SpecificRecord> steps = rotationSteps(rotation, at, random);
                if (random.nextInt(100) < 5) {
                    Collections.shuffle(steps, random);
                }
                for (SpecificRecord step : steps) {
                    send(producer, avro, step);
                    events++;
                    if (random.nextInt(100) < 2) {
                        send(producer, avro, step);
                        events++;
                    }
                }
                rotations++;
                at = at.plusSeconds(10);
            }
            producer.flush();
        }
        return new long[] {events, rotations};
    }

    private static void send(KafkaProducer<String, byte[]> producer, Serializer<SpecificRecord> avro, SpecificRecord event) {
        String topic = Topics.AVRO_TOPICS.stream().filter(candidate -> candidate.valueSchema().equals(event.getSchema()))
                .findFirst().orElseThrow().name();
        String secretId = (String) event.get(event.getSchema().getField("secretId").pos());
        producer.send(new ProducerRecord<>(topic, secretId, avro.serialize(topic, event)));
    }

    /** Until the group has committed up to the end of every topic it reads (inputs and its repartition topic). */
    private static void awaitCaughtUp(Admin admin) throws Exception {
        while (true) {
            Thread.sleep(1000);
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(APPLICATION_ID)
                    .partitionsToOffsetAndMetadata().get();
            if (committed.isEmpty()) {
                continue;
            }
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            committed.keySet().forEach(partition -> latest.put(partition, OffsetSpec.latest()));
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(latest).all().get();
            long lag = 0;
            for (Map.Entry<TopicPartition, OffsetAndMetadata> entry : committed.entrySet()) {
                // With exactly-once the end offset counts a transaction marker after the last record.
                lag += Math.max(0, ends.get(entry.getKey()).offset() - entry.getValue().offset() - 1);
            }
            boolean allInputs = committed.keySet().stream().map(TopicPartition::topic).distinct().count()
                    >= AuditTopology.inputTopics().size() + 2;
            if (allInputs && lag == 0) {
                return;
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static List<SpecificRecord> rotationSteps(RotationEvents rotation, Instant at, Random random) {
        List<SpecificRecord> steps = new ArrayList<>();
        steps.add(rotation.requested(at, "scheduler"));
        int kind = random.nextInt(100);
        if (kind < 8) {
            steps.add(rotation.failed(at.plusMillis(200), RotationFailureReason.TARGET_UNREACHABLE));
            return steps;
        }
        SecretUpdated updated = rotation.updated(at.plusSeconds(1), 3);
        steps.add(updated);
        if (kind < 20) {
            steps.add(rotation.verificationFailed(at.plusSeconds(2)));
            steps.add(rotation.rollbackRequested(at.plusSeconds(3)));
            steps.add(kind < 10 ? rotation.rollbackFailed(at.plusSeconds(4)) : rotation.rolledBack(at.plusSeconds(4), 3));
            return steps;
        }
        if (random.nextInt(1000) >= 5) {
            steps.add(rotation.verified(at.plusSeconds(2)));
        }
        steps.add(rotation.completed(at.plusSeconds(3), 4));
        return steps;
    }

    private static String secretId(int i) {
        return "db/app-" + i;
    }

    private static SecretRegistered registration(String secretId) {
        return SecretRegistered.newBuilder()
                .setSecretId(secretId).setRegisteredAt(START).setInitiator("bench")
                .setSecretClass("database").setOwner("team-" + (secretId.hashCode() & 15)).setCadence("P30D")
                .setStore(StoreRef.newBuilder().setMount("secret").setPath("rotor/" + secretId).build())
                .setTarget(TargetRef.newBuilder().setType("postgresql").setHost("127.0.0.1").setPort(5432).setRole("app").build())
                .build();
    }

    private static long sizeOf(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(file -> file.toFile().length()).sum();
        }
    }
}
