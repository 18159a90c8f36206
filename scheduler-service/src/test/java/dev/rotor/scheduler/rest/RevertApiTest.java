package dev.rotor.scheduler.rest;

import static dev.rotor.scheduler.rest.Callers.as;
import static dev.rotor.scheduler.rest.Callers.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.rotor.contract.Roles;
import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** POST /api/rollbacks with toVersion: a REVERT rotation to an earlier store version, checked against Vault. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryMessaging.class, restrictToAnnotatedClass = true)
class RevertApiTest {

    @Inject
    @Any
    InMemoryConnector messaging;

    @Inject
    ViewProgress view;

    private InMemoryChannels channels;

    @BeforeEach
    void viewHasReadEverything() {
        InMemoryChannels.viewHasReadEverything(view);
        channels = new InMemoryChannels(messaging);
        channels.clear(Channels.ROTATION_REQUESTED_OUT, Channels.ROLLBACK_REQUESTED);
    }

    @Test
    void aRevertToAnEarlierVersionIsRequestedAsARotationThatStaysOpenUntilItEnds() throws Exception {
        String secretId = registeredWithVersions(3);

        String rotationId = as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "toVersion", 2, "cause", "seed 000: the new role lacks a grant"))
                .when().post("/api/rollbacks")
                .then().statusCode(202)
                .body("secretId", equalTo(secretId))
                .body("toVersion", equalTo(2))
                .body("currentVersion", equalTo(3))
                .body("reason", equalTo("REVERT"))
                .body("initiator", equalTo("alice"))
                .extract().path("rotationId");

        RotationRequested event = channels.single(Channels.ROTATION_REQUESTED_OUT, secretId, RotationRequested.class);
        assertThat(event.getRotationId()).isEqualTo(rotationId);
        assertThat(event.getReason()).isEqualTo(RotationReason.REVERT);
        assertThat(event.getRevertToVersion()).isEqualTo(2);
        assertThat(event.getInitiator()).isEqualTo("alice");
        assertThat(event.getDetail()).isEqualTo("seed 000: the new role lacks a grant");
        assertThat(event.getAttempt()).isEqualTo(1);
        assertThat(event.getDeadline()).isEqualTo(event.getOccurredAt().plus(Duration.ofMinutes(15)));
        viewer().when().get("/api/secrets/" + secretId).then().statusCode(200).body("inFlightRotationId", equalTo(rotationId));
        assertThat(channels.count(Channels.ROLLBACK_REQUESTED)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1})
    void aVersionBelowOneIsA400(int toVersion) throws Exception {
        String secretId = registeredWithVersions(2);

        as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "toVersion", toVersion, "cause", "undo"))
                .when().post("/api/rollbacks")
                .then().statusCode(400)
                .body("error", containsString("nothing was published"))
                .body("violations.find { it.field == 'toVersion' }.message", containsString("1 or more"));
        assertThat(channels.count(Channels.ROTATION_REQUESTED_OUT)).isZero();
    }

    @ParameterizedTest
    @ValueSource(ints = {3, 4})
    void theCurrentVersionOrALaterOneIsA400NamingTheVersionsToChooseFrom(int toVersion) throws Exception {
        String secretId = registeredWithVersions(3);

        as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "toVersion", toVersion, "cause", "undo"))
                .when().post("/api/rollbacks")
                .then().statusCode(400)
                .body("violations.find { it.field == 'toVersion' }.message", containsString("current store version 3"))
                .body("violations.find { it.field == 'toVersion' }.message", containsString("from 1 to 2"));
        assertThat(channels.count(Channels.ROTATION_REQUESTED_OUT)).isZero();
    }

    @Test
    void anUnknownSecretIsA404ThatSaysHowToRegisterIt() {
        as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", "db/nobody-" + UUID.randomUUID(), "toVersion", 1, "cause", "undo"))
                .when().post("/api/rollbacks")
                .then().statusCode(404)
                .body("error", containsString("POST /api/secrets"));
        assertThat(channels.count(Channels.ROTATION_REQUESTED_OUT)).isZero();
    }

    @Test
    void aRotationInFlightIsA409ThatSaysToWaitOrRollItBackFirst() throws Exception {
        String secretId = registeredWithVersions(2);
        String inFlight = as("bob", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId))
                .when().post("/api/rotations")
                .then().statusCode(202)
                .extract().path("rotationId");

        as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "toVersion", 1, "cause", "undo"))
                .when().post("/api/rollbacks")
                .then().statusCode(409)
                .body("error", containsString(inFlight))
                .body("error", containsString("wait until it ends"))
                .body("error", containsString("./rotor rollback " + secretId));
        assertThat(channels.values(Channels.ROTATION_REQUESTED_OUT, secretId, RotationRequested.class))
                .extracting(RotationRequested::getReason).containsExactly(RotationReason.MANUAL);
    }

    @Test
    void aSecretWhoseStoreEntryIsGoneIsA409() {
        String secretId = "db/revert-" + UUID.randomUUID();
        channels.register(secretId, Instant.now());

        as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "toVersion", 1, "cause", "undo"))
                .when().post("/api/rollbacks")
                .then().statusCode(409)
                .body("error", containsString("no entry at secret/data/" + secretId));
        assertThat(channels.count(Channels.ROTATION_REQUESTED_OUT)).isZero();
    }

    @Test
    void rotationsRefuseRevertAndPointAtTheRollbacksEndpoint() throws Exception {
        String secretId = registeredWithVersions(2);

        as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "reason", "revert"))
                .when().post("/api/rotations")
                .then().statusCode(400)
                .body("violations.field", hasItem("reason"))
                .body("violations.find { it.field == 'reason' }.message", containsString("POST /api/rollbacks"))
                .body("violations.find { it.field == 'reason' }.message", containsString("toVersion"));
        assertThat(channels.count(Channels.ROTATION_REQUESTED_OUT)).isZero();
    }

    @Test
    void withoutARotationInFlightTheRollbackAnswerSuggestsAVersion() throws Exception {
        String secretId = registeredWithVersions(2);

        as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "cause", "undo"))
                .when().post("/api/rollbacks")
                .then().statusCode(409)
                .body("error", containsString("--to-version N"));
    }

    /** A registered secret whose store entry has been written {@code versions} times. */
    private String registeredWithVersions(int versions) throws Exception {
        String secretId = "db/revert-" + UUID.randomUUID();
        for (int version = 1; version <= versions; version++) {
            VaultDevEntries.put(secretId, Map.of("username", "orders_app", "password", "test-only-" + version));
        }
        channels.register(secretId, Instant.now());
        return secretId;
    }
}
