package dev.rotor.scheduler.it;

import static dev.rotor.scheduler.rest.Callers.as;
import static dev.rotor.scheduler.rest.Callers.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.contract.EventIds;
import dev.rotor.contract.Roles;
import dev.rotor.contract.Topics;
import dev.rotor.schema.RollbackRequested;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.VerificationFailed;
import dev.rotor.schema.VerificationFailureCategory;
import dev.rotor.stack.testing.RotorStack;
import dev.rotor.stack.testing.RotorStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/** The scheduler against the real broker, registry and Vault dev server, read and written by plain Kafka clients. */
@QuarkusTest
@QuarkusTestResource(value = RotorStackResource.class, restrictToAnnotatedClass = true)
class SchedulerIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String secretId = "db/it-" + UUID.randomUUID();
    private final String adminPath = "admin/it-" + UUID.randomUUID();
    // Values the scheduler must never repeat, anywhere.
    private final String password = "pw-" + UUID.randomUUID();
    private final String adminPassword = "admin-pw-" + UUID.randomUUID();

    @BeforeEach
    void storeEntriesAndAReadyScheduler() throws Exception {
        vaultPut(secretId, Map.of("username", "orders_app", "password", password));
        vaultPut(adminPath, Map.of("username", "rotor_admin", "password", adminPassword));
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
    }

    @Test
    void aRegistrationIsPublishedToTheCompactedRegistry() throws Exception {
        String body = as("rita", Roles.REGISTRAR).contentType(ContentType.JSON).body(registration())
                .when().post("/api/secrets")
                .then().statusCode(201)
                .body("id", equalTo(secretId))
                .body("target.adminSecret", equalTo(adminPath))
                .body("initiator", equalTo("rita"))
                .extract().asString();
        assertNoValueIn(body);

        ConsumerRecord<String, SecretRegistered> record = StackTopics.awaitAvro(Topics.SECRET_REGISTRY, r -> secretId.equals(r.key()));
        SecretRegistered event = record.value();
        assertThat(event.getSecretClass()).isEqualTo("database");
        assertThat(event.getOwner()).isEqualTo("team-orders");
        assertThat(event.getCadence()).isEqualTo("P30D");
        assertThat(event.getStore().getPath()).isEqualTo(secretId);
        assertThat(event.getTarget().getType()).isEqualTo("postgresql");
        assertThat(event.getTarget().getRole()).isEqualTo("orders_app");
        assertThat(event.getTarget().getAdminPath()).isEqualTo(adminPath);
        assertThat(event.getInitiator()).isEqualTo("rita");
        assertNoValueIn(event.toString());

        viewer().when().get("/api/secrets").then().statusCode(200).body("id", hasItem(secretId));
        assertThat(StackTopics.cleanupPolicy(Topics.SECRET_REGISTRY)).isEqualTo("compact");
    }

    @Test
    void invalidRegistrationsAreRejectedNamingTheField() {
        assertRejected(with(body -> target(body).put("type", "oracle")), "target.type");
        assertRejected(with(body -> target(body).remove("role")), "target.role");
        assertRejected(with(body -> store(body).put("path", "db/nothing-here-" + UUID.randomUUID())), "store.path");
        assertRejected(with(body -> target(body).put("password", password)), "target.password");
        assertThat(StackTopics.allWithKey(Topics.SECRET_REGISTRY, secretId)).as("nothing of a rejected registration is published").isEmpty();
    }

    @Test
    void aRotationRequestIsPublished() {
        register();

        String rotationId = as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "reason", "EMERGENCY"))
                .when().post("/api/rotations")
                .then().statusCode(202)
                .extract().path("rotationId");

        RotationRequested event = StackTopics.<RotationRequested>awaitAvro(Topics.ROTATION_REQUESTED,
                r -> r.value() != null && rotationId.equals(r.value().getRotationId())).value();
        assertThat(event.getSecretId()).isEqualTo(secretId);
        assertThat(event.getReason()).isEqualTo(RotationReason.EMERGENCY);
        assertThat(event.getInitiator()).isEqualTo("alice");
        assertNoValueIn(event.toString());
        // The scheduler reads its own request back: the secret shows it in flight.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> viewer().when().get("/api/secrets/" + secretId)
                .then().statusCode(200).body("inFlightRotationId", equalTo(rotationId)));
    }

    @Test
    void anUnknownSecretIsNotFound() {
        as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", "db/never-registered-" + UUID.randomUUID()))
                .when().post("/api/rotations")
                .then().statusCode(404)
                .body("error", containsString("POST /api/secrets"));
    }

    @Test
    void aFailedVerificationIsRolledBackAndAMalformedRecordGoesToTheDeadLetters() throws Exception {
        String malformedKey = "db/malformed-" + UUID.randomUUID();
        StackTopics.publishRaw(Topics.VERIFICATION_FAILED, malformedKey, "not avro at all".getBytes(StandardCharsets.UTF_8));
        String rotationId = UUID.randomUUID().toString();
        StackTopics.publish(Topics.VERIFICATION_FAILED, secretId, VerificationFailed.newBuilder()
                .setEventId(UUID.randomUUID()).setRotationId(rotationId).setSecretId(secretId).setOccurredAt(Instant.now())
                .setCategory(VerificationFailureCategory.AUTH_FAILED).setDetail("password authentication failed for user orders_app")
                .setProbe("jdbc login").setAttempts(3).build());

        ConsumerRecord<String, byte[]> dead = StackTopics.awaitRaw(Topics.deadLetter(Topics.VERIFICATION_FAILED),
                r -> malformedKey.equals(r.key()));
        assertThat(dead.headers().lastHeader("dead-letter-reason")).as("the reason travels with the dead letter").isNotNull();
        assertThat(new String(dead.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8))
                .isEqualTo(Topics.VERIFICATION_FAILED);

        RollbackRequested rollback = StackTopics.<RollbackRequested>awaitAvro(Topics.ROLLBACK_REQUESTED,
                r -> r.value() != null && rotationId.equals(r.value().getRotationId())).value();
        assertThat(rollback.getEventId()).isEqualTo(EventIds.of(rotationId, RollbackRequested.class));
        assertThat(rollback.getSecretId()).isEqualTo(secretId);
        assertThat(rollback.getInitiator()).isEqualTo("scheduler");
        assertThat(rollback.getCause()).isEqualTo("verification failed: AUTH_FAILED: password authentication failed for user orders_app");
    }

    private void register() {
        as("rita", Roles.REGISTRAR).contentType(ContentType.JSON).body(registration()).when().post("/api/secrets").then().statusCode(201);
    }

    private Map<String, Object> registration() {
        Map<String, Object> target = new HashMap<>(Map.of("type", "postgresql", "host", "127.0.0.1", "port", 5432, "database", "app",
                "role", "orders_app", "adminSecret", adminPath));
        Map<String, Object> body = new HashMap<>(Map.of("id", secretId, "class", "database", "owner", "team-orders",
                "cadence", "P30D", "store", new HashMap<>(Map.of("mount", "secret", "path", secretId))));
        body.put("target", target);
        return body;
    }

    private Map<String, Object> with(java.util.function.Consumer<Map<String, Object>> change) {
        Map<String, Object> body = registration();
        change.accept(body);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> target(Map<String, Object> body) {
        return (Map<String, Object>) body.get("target");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> store(Map<String, Object> body) {
        return (Map<String, Object>) body.get("store");
    }

    private void assertRejected(Map<String, Object> body, String field) {
        String answer = as("rita", Roles.REGISTRAR).contentType(ContentType.JSON).body(body)
                .when().post("/api/secrets")
                .then().statusCode(400)
                .body("violations.field", hasItem(field))
                .extract().asString();
        assertNoValueIn(answer);
    }

    private void assertNoValueIn(String text) {
        assertThat(text).doesNotContain(password).doesNotContain(adminPassword);
    }

    private static void vaultPut(String path, Map<String, String> data) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RotorStack.vault().address() + "/v1/secret/data/" + path))
                .header("X-Vault-Token", RotorStack.vault().rootToken())
                .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("data", data)))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

}
