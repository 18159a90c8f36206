package dev.rotor.scheduler.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.EventIds;
import dev.rotor.contract.Topics;
import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.service.RotationService;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.RollbackRequested;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;
import dev.rotor.schema.VerificationFailed;
import dev.rotor.schema.VerificationFailureCategory;
import dev.rotor.stack.testing.RotorStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

/** The REST API and the reactions to events, with every channel in memory. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryMessaging.class, restrictToAnnotatedClass = true)
class SchedulerApiTest {

    @Inject
    @Any
    InMemoryConnector messaging;

    @Inject
    ViewProgress view;

    @Inject
    RotationService rotations;

    private long offset;

    @BeforeEach
    void viewHasReadEverything() {
        // In memory there is no consumer to assign partitions: say that every view topic is empty.
        Map<TopicPartition, Long> empty = ViewProgress.VIEW_TOPICS.stream().collect(Collectors.toMap(t -> new TopicPartition(t, 0), t -> 0L));
        view.assigned(empty, empty);
        messaging.sink(Channels.ROTATION_REQUESTED_OUT).clear();
        messaging.sink(Channels.ROLLBACK_REQUESTED).clear();
        messaging.sink(Channels.SECRET_REGISTRY_OUT).clear();
    }

    @Test
    void aManualRotationIsPublishedForARegisteredSecret() {
        String secretId = registered(Instant.now());

        String rotationId = given().contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "initiator", "alice"))
                .when().post("/api/rotations")
                .then().statusCode(202)
                .body("secretId", equalTo(secretId))
                .body("reason", equalTo("MANUAL"))
                .body("note", nullValue())
                .extract().path("rotationId");

        RotationRequested event = single(Channels.ROTATION_REQUESTED_OUT, secretId, RotationRequested.class);
        assertThat(event.getRotationId()).isEqualTo(rotationId);
        assertThat(event.getReason()).isEqualTo(RotationReason.MANUAL);
        assertThat(event.getInitiator()).isEqualTo("alice");
        assertThat(event.getAttempt()).isEqualTo(1);
        assertThat(event.getDeadline()).isEqualTo(event.getOccurredAt().plus(Duration.ofMinutes(15)));
    }

    @Test
    void aSecondRequestWhileOneIsInFlightIsPublishedWithANote() {
        String secretId = registered(Instant.now());
        String first = requestRotation(secretId, "EMERGENCY");

        given().contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "initiator", "bob", "reason", "manual"))
                .when().post("/api/rotations")
                .then().statusCode(202)
                .body("note", containsString(first))
                .body("note", containsString("IN_PROGRESS"));
        assertThat(messaging.sink(Channels.ROTATION_REQUESTED_OUT).received()).hasSize(2);
    }

    @Test
    void anUnknownSecretIsA404ThatSaysHowToRegisterIt() {
        given().contentType(ContentType.JSON)
                .body(Map.of("secretId", "db/nobody", "initiator", "alice"))
                .when().post("/api/rotations")
                .then().statusCode(404)
                .body("error", containsString("POST /api/secrets"));
        assertThat(messaging.sink(Channels.ROTATION_REQUESTED_OUT).received()).isEmpty();
    }

    @Test
    void aBadReasonOrAMissingInitiatorIsA400NamingThem() {
        given().contentType(ContentType.JSON)
                .body(Map.of("secretId", "db/whatever", "reason", "BECAUSE"))
                .when().post("/api/rotations")
                .then().statusCode(400)
                .body("violations.field", hasItem("reason"))
                .body("violations.field", hasItem("initiator"))
                .body("violations.find { it.field == 'reason' }.message", containsString("SCHEDULED, MANUAL, EMERGENCY, RETRY, BACKFILL"));
    }

    @Test
    void anOperatorRollsBackTheRotationInFlightOnce() {
        String secretId = registered(Instant.now());
        given().contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "cause", "wrong role", "initiator", "carol"))
                .when().post("/api/rollbacks")
                .then().statusCode(409)
                .body("error", containsString("nothing to roll back"));

        String rotationId = requestRotation(secretId, "MANUAL");
        given().contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "cause", "wrong role", "initiator", "carol"))
                .when().post("/api/rollbacks")
                .then().statusCode(202)
                .body("rotationId", equalTo(rotationId))
                .body("eventId", equalTo(EventIds.of(rotationId, RollbackRequested.class).toString()));
        given().contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "cause", "wrong role", "initiator", "carol"))
                .when().post("/api/rollbacks")
                .then().statusCode(202)
                .body("note", containsString("already requested"));

        RollbackRequested event = single(Channels.ROLLBACK_REQUESTED, secretId, RollbackRequested.class);
        assertThat(event.getCause()).isEqualTo("wrong role");
        assertThat(event.getInitiator()).isEqualTo("carol");
    }

    @Test
    void aCompletedRotationIsNoLongerInFlight() {
        String secretId = registered(Instant.now());
        String rotationId = requestRotation(secretId, "MANUAL");
        messaging.source(Channels.ROTATION_COMPLETED).send(consumerRecord(Topics.ROTATION_COMPLETED, secretId,
                RotationCompleted.newBuilder().setEventId(UUID.randomUUID()).setRotationId(rotationId).setSecretId(secretId)
                        .setOccurredAt(Instant.now()).setNewStoreVersion(2).setPreviousStoreVersion(1).build()));

        given().when().get("/api/secrets/" + secretId)
                .then().statusCode(200)
                .body("inFlightRotationId", nullValue())
                .body("lastRotatedAt", org.hamcrest.Matchers.notNullValue());
        given().contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "cause", "too late", "initiator", "carol"))
                .when().post("/api/rollbacks")
                .then().statusCode(409);
    }

    @Test
    void aFailedVerificationIsRolledBackOnceByTheScheduler() {
        String rotationId = UUID.randomUUID().toString();
        VerificationFailed failure = VerificationFailed.newBuilder()
                .setEventId(UUID.randomUUID()).setRotationId(rotationId).setSecretId("db/orders-app").setOccurredAt(Instant.now())
                .setCategory(VerificationFailureCategory.AUTH_FAILED).setDetail("password authentication failed for orders_app")
                .setProbe("jdbc login").setAttempts(3).build();

        messaging.source(Channels.VERIFICATION_FAILED).send(failure);
        messaging.source(Channels.VERIFICATION_FAILED).send(failure);

        InMemorySink<Record<String, RollbackRequested>> sink = messaging.sink(Channels.ROLLBACK_REQUESTED);
        await().atMost(Duration.ofSeconds(30)).until(() -> !sink.received().isEmpty());
        RollbackRequested rollback = single(Channels.ROLLBACK_REQUESTED, "db/orders-app", RollbackRequested.class);
        assertThat(rollback.getEventId()).isEqualTo(EventIds.of(rotationId, RollbackRequested.class));
        assertThat(rollback.getRotationId()).isEqualTo(rotationId);
        assertThat(rollback.getInitiator()).isEqualTo("scheduler");
        assertThat(rollback.getCause()).isEqualTo("verification failed: AUTH_FAILED: password authentication failed for orders_app");
    }

    @Test
    void aSecretPastItsCadenceIsRequestedOnceAsScheduled() {
        String secretId = registered(Instant.now().minus(Duration.ofDays(31)));

        rotations.requestDue();
        rotations.requestDue();

        RotationRequested event = messaging.<Record<String, RotationRequested>>sink(Channels.ROTATION_REQUESTED_OUT).received().stream()
                .map(Message::getPayload).filter(r -> r.key().equals(secretId)).map(Record::value)
                .reduce((a, b) -> { throw new AssertionError("two scheduled requests for " + secretId); }).orElseThrow();
        assertThat(event.getReason()).isEqualTo(RotationReason.SCHEDULED);
        assertThat(event.getInitiator()).isEqualTo("scheduler");
    }

    @Test
    void aRegistrationIsPublishedAndListed() throws Exception {
        String secretId = "db/api-" + UUID.randomUUID();
        vaultPut(secretId, Map.of("username", "orders_app", "password", "s3cret-value-1"));
        vaultPut("admin/" + secretId, Map.of("username", "rotor_admin", "password", "s3cret-admin-1"));
        Map<String, Object> body = Map.of("id", secretId, "class", "database", "owner", "team-orders", "cadence", "P30D",
                "store", Map.of("mount", "secret", "path", secretId),
                "target", Map.of("type", "postgresql", "host", "127.0.0.1", "port", 5432, "database", "app", "role", "orders_app",
                        "adminSecret", "admin/" + secretId));

        String created = given().contentType(ContentType.JSON).body(body)
                .when().post("/api/secrets")
                .then().statusCode(201)
                .header("Location", org.hamcrest.Matchers.endsWith("/api/secrets/" + secretId))
                .body("id", equalTo(secretId))
                .body("class", equalTo("database"))
                .body("target.adminSecret", equalTo("admin/" + secretId))
                .extract().asString();
        assertThat(created).doesNotContain("s3cret");

        SecretRegistered event = single(Channels.SECRET_REGISTRY_OUT, secretId, SecretRegistered.class);
        assertThat(event.getTarget().getAdminPath()).isEqualTo("admin/" + secretId);
        assertThat(event.toString()).doesNotContain("s3cret");

        given().contentType(ContentType.JSON).body(body).when().post("/api/secrets").then().statusCode(200);
        given().when().get("/api/secrets").then().statusCode(200).body("id", hasItem(secretId));
        given().when().get("/api/secrets/" + secretId).then().statusCode(200).body("store.path", equalTo(secretId));
    }

    @Test
    void anInvalidRegistrationIsA400NamingEachField() {
        given().contentType(ContentType.JSON)
                .body(Map.of("id", "db/broken", "class", "database", "owner", "team-orders", "cadence", "P30D",
                        "store", Map.of("mount", "secret", "path", "db/does-not-exist"),
                        "target", Map.of("type", "oracle", "host", "127.0.0.1", "port", 5432, "password", "hunter2")))
                .when().post("/api/secrets")
                .then().statusCode(400)
                .body("error", containsString("nothing was registered"))
                .body("violations.field", org.hamcrest.Matchers.containsInAnyOrder(
                        "target.password", "target.type", "target.role", "store.path"))
                .body(org.hamcrest.Matchers.not(containsString("hunter2")));
        assertThat(messaging.sink(Channels.SECRET_REGISTRY_OUT).received()).isEmpty();
    }

    private String registered(Instant registeredAt) {
        String secretId = "db/test-" + UUID.randomUUID();
        SecretRegistered registration = SecretRegistered.newBuilder()
                .setSecretId(secretId).setRegisteredAt(registeredAt).setInitiator("test").setSecretClass("database")
                .setOwner("team-test").setCadence("P30D")
                .setStore(StoreRef.newBuilder().setMount("secret").setPath(secretId).build())
                .setTarget(TargetRef.newBuilder().setType("postgresql").setHost("127.0.0.1").setPort(5432).setRole("app").build())
                .build();
        messaging.source(Channels.SECRET_REGISTRY).send(consumerRecord(Topics.SECRET_REGISTRY, secretId, registration));
        given().when().get("/api/secrets/" + secretId).then().statusCode(200);
        return secretId;
    }

    private String requestRotation(String secretId, String reason) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "initiator", "alice", "reason", reason))
                .when().post("/api/rotations")
                .then().statusCode(202)
                .extract().path("rotationId");
    }

    private <V> ConsumerRecord<String, V> consumerRecord(String topic, String key, V value) {
        return new ConsumerRecord<>(topic, 0, offset++, key, value);
    }

    private <V> V single(String channel, String key, Class<V> type) {
        InMemorySink<Record<String, V>> sink = messaging.sink(channel);
        List<V> values = sink.received().stream().map(Message::getPayload).filter(r -> key.equals(r.key())).map(Record::value).toList();
        assertThat(values).hasSize(1);
        return type.cast(values.get(0));
    }

    private static void vaultPut(String path, Map<String, String> data) throws Exception {
        String json = new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(Map.of("data", data));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RotorStack.vault().address() + "/v1/secret/data/" + path))
                .header("X-Vault-Token", RotorStack.vault().rootToken())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
