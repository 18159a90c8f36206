package dev.rotor.scheduler.rest;

import static dev.rotor.scheduler.rest.Callers.as;
import static dev.rotor.scheduler.rest.Callers.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.rotor.contract.EventIds;
import dev.rotor.contract.Roles;
import dev.rotor.contract.Topics;
import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.schedule.SchedulingEngine;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.RollbackRequested;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import dev.rotor.schema.VerificationFailed;
import dev.rotor.schema.VerificationFailureCategory;
import dev.rotor.stack.testing.MovableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

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
    SchedulingEngine engine;

    private InMemoryChannels channels;

    @BeforeEach
    void viewHasReadEverything() {
        InMemoryChannels.viewHasReadEverything(view);
        channels = new InMemoryChannels(messaging);
        channels.clear(Channels.ROTATION_REQUESTED_OUT, Channels.ROLLBACK_REQUESTED, Channels.SECRET_REGISTRY_OUT);
    }

    @Test
    void readinessShowsTheLeaderElection() {
        // Election is off in these tests (no broker): the instance always leads, and says why. No token: orchestrators probe
        // without one.
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("checks.find { it.name == 'scheduler leader election' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'scheduler leader election' }.data.leader", equalTo(true))
                .body("checks.find { it.name == 'scheduler leader election' }.data.election", containsString("always leads"));
    }

    @Test
    void aManualRotationIsPublishedForARegisteredSecret() {
        String secretId = registered(Instant.now());

        String rotationId = as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId))
                .when().post("/api/rotations")
                .then().statusCode(202)
                .body("secretId", equalTo(secretId))
                .body("reason", equalTo("MANUAL"))
                .body("initiator", equalTo("alice"))
                .body("note", nullValue())
                .extract().path("rotationId");

        RotationRequested event = channels.single(Channels.ROTATION_REQUESTED_OUT, secretId, RotationRequested.class);
        assertThat(event.getRotationId()).isEqualTo(rotationId);
        assertThat(event.getReason()).isEqualTo(RotationReason.MANUAL);
        assertThat(event.getInitiator()).isEqualTo("alice");
        assertThat(event.getAttempt()).isEqualTo(1);
        assertThat(event.getDeadline()).isEqualTo(event.getOccurredAt().plus(Duration.ofMinutes(15)));
    }

    @Test
    void aRotationIsAskedForInTheCallersNameWhateverTheBodyClaims() {
        String secretId = registered(Instant.now());

        // Older clients still send an initiator: it is ignored, so that nobody asks in another's name.
        as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "initiator", "mallory"))
                .when().post("/api/rotations")
                .then().statusCode(202)
                .body("initiator", equalTo("alice"));

        assertThat(channels.single(Channels.ROTATION_REQUESTED_OUT, secretId, RotationRequested.class).getInitiator()).isEqualTo("alice");
    }

    @Test
    void aSecondRequestWhileOneIsInFlightIsPublishedWithANote() {
        String secretId = registered(Instant.now());
        String first = requestRotation(secretId, "EMERGENCY");

        as("bob", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "reason", "manual"))
                .when().post("/api/rotations")
                .then().statusCode(202)
                .body("note", containsString(first))
                .body("note", containsString("IN_PROGRESS"));
        assertThat(channels.count(Channels.ROTATION_REQUESTED_OUT)).isEqualTo(2);
    }

    @Test
    void anUnknownSecretIsA404ThatSaysHowToRegisterIt() {
        as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", "db/nobody"))
                .when().post("/api/rotations")
                .then().statusCode(404)
                .body("error", containsString("POST /api/secrets"));
        assertThat(channels.count(Channels.ROTATION_REQUESTED_OUT)).isZero();
    }

    @Test
    void aBadReasonIsA400NamingIt() {
        as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", "db/whatever", "reason", "BECAUSE"))
                .when().post("/api/rotations")
                .then().statusCode(400)
                // Who asks is the token's principal: no field for it to be missing.
                .body("violations.field", equalTo(List.of("reason")))
                .body("violations.find { it.field == 'reason' }.message", containsString("use MANUAL or EMERGENCY"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"SCHEDULED", "retry", "BACKFILL"})
    void rotorsOwnReasonsAreRefusedToCallersSayingWhy(String reason) {
        String secretId = registered(Instant.now());

        as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "reason", reason))
                .when().post("/api/rotations")
                .then().statusCode(400)
                .body("error", containsString("nothing was published"))
                .body("violations.find { it.field == 'reason' }.message", containsString("Rotor's own reason"))
                .body("violations.find { it.field == 'reason' }.message", containsString("./rotor backfill"))
                .body("violations.find { it.field == 'reason' }.message", containsString("use MANUAL or EMERGENCY"));
        assertThat(channels.count(Channels.ROTATION_REQUESTED_OUT)).isZero();
        viewer().when().get("/api/secrets/" + secretId).then().statusCode(200).body("inFlightRotationId", nullValue());
    }

    @Test
    void anOperatorRollsBackTheRotationInFlightOnce() {
        String secretId = registered(Instant.now());
        as("carol", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "cause", "wrong role"))
                .when().post("/api/rollbacks")
                .then().statusCode(409)
                .body("error", containsString("nothing to roll back"));

        String rotationId = requestRotation(secretId, "MANUAL");
        as("carol", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "cause", "wrong role"))
                .when().post("/api/rollbacks")
                .then().statusCode(202)
                .body("rotationId", equalTo(rotationId))
                .body("eventId", equalTo(EventIds.of(rotationId, RollbackRequested.class).toString()));
        as("carol", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "cause", "wrong role"))
                .when().post("/api/rollbacks")
                .then().statusCode(202)
                .body("note", containsString("already requested"));

        RollbackRequested event = channels.single(Channels.ROLLBACK_REQUESTED, secretId, RollbackRequested.class);
        assertThat(event.getCause()).isEqualTo("wrong role");
        assertThat(event.getInitiator()).isEqualTo("carol");
    }

    @Test
    void aCompletedRotationIsNoLongerInFlight() {
        String secretId = registered(Instant.now());
        String rotationId = requestRotation(secretId, "MANUAL");
        channels.send(Channels.ROTATION_COMPLETED, Topics.ROTATION_COMPLETED, secretId,
                RotationCompleted.newBuilder().setEventId(UUID.randomUUID()).setRotationId(rotationId).setSecretId(secretId)
                        .setOccurredAt(Instant.now()).setNewStoreVersion(2).setPreviousStoreVersion(1).build());

        viewer().when().get("/api/secrets/" + secretId)
                .then().statusCode(200)
                .body("inFlightRotationId", nullValue())
                .body("lastRotatedAt", org.hamcrest.Matchers.notNullValue());
        as("carol", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "cause", "too late"))
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

        await().atMost(Duration.ofSeconds(30)).until(() -> channels.count(Channels.ROLLBACK_REQUESTED) > 0);
        RollbackRequested rollback = channels.single(Channels.ROLLBACK_REQUESTED, "db/orders-app", RollbackRequested.class);
        assertThat(rollback.getEventId()).isEqualTo(EventIds.of(rotationId, RollbackRequested.class));
        assertThat(rollback.getRotationId()).isEqualTo(rotationId);
        assertThat(rollback.getInitiator()).isEqualTo("scheduler");
        assertThat(rollback.getCause()).isEqualTo("verification failed: AUTH_FAILED: password authentication failed for orders_app");
    }

    @Test
    void aRollbackIsRememberedForAnHourThenForgottenAndTheRotatorDeduplicatesARepeat() {
        MovableClock clock = new MovableClock(Instant.now());
        QuarkusMock.installMockForType(clock, Clock.class);
        String secretId = "db/remembered-" + UUID.randomUUID();
        VerificationFailed failure = verificationFailed(secretId, UUID.randomUUID().toString());
        VerificationFailed marker = verificationFailed(secretId + "-marker", UUID.randomUUID().toString());

        messaging.source(Channels.VERIFICATION_FAILED).send(failure);
        messaging.source(Channels.VERIFICATION_FAILED).send(failure);
        // Handled in order: once the marker's rollback is out, both copies of the first failure were handled.
        messaging.source(Channels.VERIFICATION_FAILED).send(marker);
        await().until(() -> !channels.values(Channels.ROLLBACK_REQUESTED, marker.getSecretId(), RollbackRequested.class).isEmpty());
        assertThat(channels.values(Channels.ROLLBACK_REQUESTED, secretId, RollbackRequested.class)).hasSize(1);

        clock.advance(Duration.ofHours(1).plusSeconds(1));
        messaging.source(Channels.VERIFICATION_FAILED).send(failure);

        await().until(() -> channels.values(Channels.ROLLBACK_REQUESTED, secretId, RollbackRequested.class).size() == 2);
        assertThat(channels.values(Channels.ROLLBACK_REQUESTED, secretId, RollbackRequested.class)).extracting(RollbackRequested::getEventId)
                .as("the same event id: the rotator takes it once").containsOnly(EventIds.of(failure.getRotationId(), RollbackRequested.class));
    }

    private static VerificationFailed verificationFailed(String secretId, String rotationId) {
        return VerificationFailed.newBuilder()
                .setEventId(UUID.randomUUID()).setRotationId(rotationId).setSecretId(secretId).setOccurredAt(Instant.now())
                .setCategory(VerificationFailureCategory.AUTH_FAILED).setDetail("password authentication failed")
                .setProbe("jdbc login").setAttempts(3).build();
    }

    @Test
    void aSecretPastItsCadenceIsRequestedOnceAsScheduled() {
        String secretId = registered(Instant.now().minus(Duration.ofDays(31)));

        engine.tick();
        engine.tick();

        RotationRequested event = channels.single(Channels.ROTATION_REQUESTED_OUT, secretId, RotationRequested.class);
        assertThat(event.getReason()).isEqualTo(RotationReason.SCHEDULED);
        assertThat(event.getInitiator()).isEqualTo("scheduler");
    }

    private String registered(Instant registeredAt) {
        String secretId = "db/test-" + UUID.randomUUID();
        channels.register(secretId, registeredAt);
        return secretId;
    }

    private String requestRotation(String secretId, String reason) {
        return as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "reason", reason))
                .when().post("/api/rotations")
                .then().statusCode(202)
                .extract().path("rotationId");
    }
}
