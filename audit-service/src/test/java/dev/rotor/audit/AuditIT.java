package dev.rotor.audit;

import static dev.rotor.audit.Caller.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.contract.Topics;
import dev.rotor.schema.RotationOutcome;
import dev.rotor.schema.SecretStatus;
import dev.rotor.stack.testing.RotorStack;
import dev.rotor.stack.testing.RotorStackResource;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The audit against the real broker and registry: events published as the services publish them
 * come out as a timeline, a status, JSON audit records any consumer reads, and Avro secret.status.
 */
@QuarkusTest
@QuarkusTestResource(RotorStackResource.class)
class AuditIT {

    private static final String SECRET = "db/orders-app";
    private static final Duration PIPELINE_WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRotationPublishedThroughTheRegistryIsAuditedAndQueryable() throws Exception {
        // An unreadable record ahead of the rotation must not stop the audit.
        publishRaw(Topics.ROTATION_REQUESTED, SECRET, "not avro".getBytes(StandardCharsets.UTF_8));
        RotationEvents rotation = RotationEvents.rotation(SECRET);
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publish(rotation.requested(start, "alice"),
                rotation.updated(start.plusMillis(100), 3),
                rotation.verified(start.plusMillis(200)),
                rotation.completed(start.plusMillis(300), 4));

        await().atMost(PIPELINE_WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> asViewer()
                .get("/api/rotations/{rotationId}", rotation.rotationId())
                .then().statusCode(200)
                .body("state", equalTo("COMPLETED")));

        asViewer().get("/api/rotations/{rotationId}", rotation.rotationId())
                .then().statusCode(200)
                .body("rotationId", equalTo(rotation.rotationId()))
                .body("secretId", equalTo(SECRET))
                .body("terminal", equalTo("RotationCompleted"))
                .body("events.type", contains("RotationRequested", "SecretUpdated", "VerificationSucceeded", "RotationCompleted"))
                .body("events[0].occurredAt", equalTo(start.toString()))
                .body("events[0].initiator", equalTo("alice"))
                .body("events[3].eventId", equalTo(rotation.completed(start, 4).getEventId().toString()))
                .body("events[3].newStoreVersion", equalTo(4));

        asViewer().get("/api/secrets/" + SECRET)
                .then().statusCode(200)
                .body("secretId", equalTo(SECRET))
                .body("lastRotationId", equalTo(rotation.rotationId()))
                .body("lastOutcome", equalTo("COMPLETED"))
                .body("lastSuccessAt", equalTo(start.plusMillis(300).toString()))
                .body("inFlightRotationId", nullValue())
                .body("storeVersion", equalTo(4));
        asViewer().get("/api/secrets").then().statusCode(200).body("secretId", hasItem(SECRET));

        List<JsonNode> records = auditRecordsOf(rotation.rotationId(), 4);
        assertThat(records).extracting(r -> r.at("/event/action").asText()).containsExactly(
                "secret.rotation.requested", "secret.updated", "secret.verification.succeeded", "secret.rotation.completed");
        assertThat(records).allSatisfy(r -> assertThat(r.at("/rotor/secret/id").asText()).isEqualTo(SECRET));

        SecretStatus published = latestPublishedStatus(rotation.rotationId());
        assertThat(published.getLastOutcome()).isEqualTo(RotationOutcome.COMPLETED);
        assertThat(published.getStoreVersion()).isEqualTo(4);
    }

    @Test
    void anUnknownSecretIsA404ThatSaysSo() {
        asViewer().get("/api/secrets/db/never-rotated")
                .then().statusCode(404)
                .body("message", containsString("db/never-rotated"));
        asViewer().get("/api/rotations/{rotationId}", UUID.randomUUID().toString())
                .then().statusCode(404)
                .body("message", containsString("has been audited"));
    }

    private static void publish(SpecificRecord... events) throws Exception {
        AvroKafkaSerializer<SpecificRecord> serializer = new AvroKafkaSerializer<>();
        // Kafka configures only the serializers it instantiates itself.
        serializer.configure(RotorStack.registry().serdeConfig(), false);
        try (KafkaProducer<String, SpecificRecord> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), serializer)) {
            for (SpecificRecord event : events) {
                String topic = Topics.LIFECYCLE_TOPICS.stream()
                        .filter(candidate -> candidate.valueSchema().equals(event.getSchema()))
                        .findFirst().orElseThrow().name();
                producer.send(new ProducerRecord<>(topic, SECRET, event)).get();
            }
        }
    }

    private static void publishRaw(String topic, String key, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerConfig(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        }
    }

    private static Map<String, Object> producerConfig() {
        Map<String, Object> config = new HashMap<>(RotorStack.kafka().administratorSettings());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return config;
    }

    /** rotation.audit as a SIEM reads it: plain strings, no registry. */
    private static List<JsonNode> auditRecordsOf(String rotationId, int expected) throws Exception {
        List<JsonNode> found = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.ROTATION_AUDIT));
            await().atMost(PIPELINE_WAIT).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode json = JSON.readTree(record.value());
                    if (rotationId.equals(json.at("/rotor/rotation/id").asText())) {
                        assertThat(record.key()).isEqualTo(SECRET);
                        found.add(json);
                    }
                }
                return found.size() >= expected;
            });
        }
        return found;
    }

    /** secret.status as the scheduler reads it: Avro through the registry. */
    private static SecretStatus latestPublishedStatus(String rotationId) {
        AvroKafkaDeserializer<SecretStatus> deserializer = new AvroKafkaDeserializer<>();
        deserializer.configure(RotorStack.registry().serdeConfig(), false);
        List<SecretStatus> statuses = new ArrayList<>();
        try (KafkaConsumer<String, SecretStatus> consumer = new KafkaConsumer<>(consumerConfig(), new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(Topics.SECRET_STATUS));
            await().atMost(PIPELINE_WAIT).until(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(record -> statuses.add(record.value()));
                return statuses.stream().anyMatch(status -> rotationId.equals(status.getLastRotationId())
                        && status.getLastOutcome() == RotationOutcome.COMPLETED);
            });
        }
        return statuses.stream().filter(status -> rotationId.equals(status.getLastRotationId())).reduce((first, last) -> last).orElseThrow();
    }

    private static Map<String, Object> consumerConfig() {
        Map<String, Object> config = new HashMap<>();
        config.putAll(RotorStack.kafka().administratorSettings());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "audit-it-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return config;
    }
}
