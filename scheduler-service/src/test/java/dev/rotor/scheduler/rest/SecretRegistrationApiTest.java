package dev.rotor.scheduler.rest;

import static dev.rotor.scheduler.rest.Callers.as;
import static dev.rotor.scheduler.rest.Callers.registrar;
import static dev.rotor.scheduler.rest.Callers.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.Roles;
import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.stack.auth.TokenIssuer;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** POST /api/secrets: what a registration must hold, who sees its admin path, and the owners and classes a registrar's token covers. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryMessaging.class, restrictToAnnotatedClass = true)
class SecretRegistrationApiTest {

    private static final Map<String, List<String>> TEAM_A_DATABASES = Map.of(
            TokenIssuer.OWNERS_CLAIM, List.of("team-a"), TokenIssuer.CLASSES_CLAIM, List.of("database"));

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
        channels.clear(Channels.SECRET_REGISTRY_OUT);
    }

    @Test
    void aRegistrationIsPublishedAndListed() throws Exception {
        String secretId = "db/api-" + UUID.randomUUID();
        Map<String, Object> body = registration(secretId, "team-orders", "database");

        String created = as("rita", Roles.REGISTRAR).contentType(ContentType.JSON).body(body)
                .when().post("/api/secrets")
                .then().statusCode(201)
                .header("Location", endsWith("/api/secrets/" + secretId))
                .body("id", equalTo(secretId))
                .body("class", equalTo("database"))
                .body("target.adminSecret", equalTo("admin/" + secretId))
                .body("initiator", equalTo("rita"))
                .extract().asString();
        assertThat(created).doesNotContain("s3cret");

        SecretRegistered event = channels.single(Channels.SECRET_REGISTRY_OUT, secretId, SecretRegistered.class);
        assertThat(event.getTarget().getAdminPath()).isEqualTo("admin/" + secretId);
        assertThat(event.getInitiator()).as("the registrant is the token's principal").isEqualTo("rita");
        assertThat(event.toString()).doesNotContain("s3cret");

        as("rita", Roles.REGISTRAR).contentType(ContentType.JSON).body(body).when().post("/api/secrets").then().statusCode(200);
        viewer().when().get("/api/secrets").then().statusCode(200).body("id", hasItem(secretId));
        viewer().when().get("/api/secrets/" + secretId).then().statusCode(200).body("store.path", equalTo(secretId));
    }

    @Test
    void aRegistrationCannotNameItsOwnInitiator() throws Exception {
        Map<String, Object> body = new HashMap<>(registration("db/api-" + UUID.randomUUID(), "team-orders", "database"));
        body.put("initiator", "someone-else");

        as("rita", Roles.REGISTRAR).contentType(ContentType.JSON).body(body)
                .when().post("/api/secrets")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("initiator")));
        assertThat(channels.count(Channels.SECRET_REGISTRY_OUT)).isZero();
    }

    @Test
    void theAdminSecretIsShownToRegistrarsOnly() {
        String secretId = "db/admin-" + UUID.randomUUID();
        channels.register(secretId, Instant.now(), "admin/" + secretId);
        String adminSecret = "find { it.id == '" + secretId + "' }.target.adminSecret";

        for (String reader : List.of(Roles.VIEWER, Roles.OPERATOR, Roles.APPROVER)) {
            as("dana", reader).when().get("/api/secrets").then().statusCode(200).body(adminSecret, nullValue())
                    .body("find { it.id == '" + secretId + "' }.target.host", equalTo("127.0.0.1"));
            as("dana", reader).when().get("/api/secrets/" + secretId).then().statusCode(200).body("target.adminSecret", nullValue());
        }
        as("rita", Roles.REGISTRAR).when().get("/api/secrets").then().statusCode(200).body(adminSecret, equalTo("admin/" + secretId));
        as("rita", Roles.REGISTRAR).when().get("/api/secrets/" + secretId).then().statusCode(200)
                .body("target.adminSecret", equalTo("admin/" + secretId));
    }

    @Test
    void anInvalidRegistrationIsA400NamingEachField() {
        as("rita", Roles.REGISTRAR).contentType(ContentType.JSON)
                .body(Map.of("id", "db/broken", "class", "database", "owner", "team-orders", "cadence", "P30D",
                        "store", Map.of("mount", "secret", "path", "db/does-not-exist"),
                        "target", Map.of("type", "oracle", "host", "127.0.0.1", "port", 5432, "password", "hunter2")))
                .when().post("/api/secrets")
                .then().statusCode(400)
                .body("error", containsString("nothing was registered"))
                .body("violations.field", containsInAnyOrder("target.password", "target.type", "target.role", "store.path"))
                .body(not(containsString("hunter2")));
        assertThat(channels.count(Channels.SECRET_REGISTRY_OUT)).isZero();
    }

    @Test
    void aScopedRegistrarRegistersAndReplacesInsideItsScope() throws Exception {
        String secretId = "db/team-a-" + UUID.randomUUID();
        Map<String, Object> body = registration(secretId, "team-a", "database");

        registrar("rita", TEAM_A_DATABASES).contentType(ContentType.JSON).body(body).when().post("/api/secrets")
                .then().statusCode(201).body("owner", equalTo("team-a"));
        registrar("rita", TEAM_A_DATABASES).contentType(ContentType.JSON).body(body).when().post("/api/secrets")
                .then().statusCode(200);
        assertThat(channels.values(Channels.SECRET_REGISTRY_OUT, secretId, SecretRegistered.class)).hasSize(2);
    }

    @Test
    void anOwnerOutsideTheScopeIsA403NamingItAndNothingIsRegistered() throws Exception {
        String secretId = "db/team-b-" + UUID.randomUUID();

        registrar("rita", TEAM_A_DATABASES).contentType(ContentType.JSON).body(registration(secretId, "team-b", "database"))
                .when().post("/api/secrets")
                .then().statusCode(403)
                .body("error", containsString("owners [team-a], classes [database]"))
                .body("error", containsString("nothing was registered"))
                .body("violations.field", equalTo(List.of("owner")))
                .body("violations[0].message", containsString("team-b"));

        assertThat(channels.count(Channels.SECRET_REGISTRY_OUT)).isZero();
        viewer().when().get("/api/secrets/" + secretId).then().statusCode(404);
    }

    @Test
    void aClassOutsideTheScopeIsA403NamingIt() throws Exception {
        String secretId = "cache/team-a-" + UUID.randomUUID();

        registrar("rita", TEAM_A_DATABASES).contentType(ContentType.JSON).body(registration(secretId, "team-a", "cache"))
                .when().post("/api/secrets")
                .then().statusCode(403)
                .body("violations.field", equalTo(List.of("class")))
                .body("violations[0].message", containsString("cache"));

        assertThat(channels.count(Channels.SECRET_REGISTRY_OUT)).isZero();
        viewer().when().get("/api/secrets/" + secretId).then().statusCode(404);
    }

    @Test
    void anotherOwnersSecretCannotBeTakenOverByRegisteringItAgainInScope() throws Exception {
        String secretId = "db/team-b-" + UUID.randomUUID();
        as("bob", Roles.REGISTRAR).contentType(ContentType.JSON).body(registration(secretId, "team-b", "database"))
                .when().post("/api/secrets").then().statusCode(201);
        channels.clear(Channels.SECRET_REGISTRY_OUT);

        registrar("rita", TEAM_A_DATABASES).contentType(ContentType.JSON).body(registration(secretId, "team-a", "database"))
                .when().post("/api/secrets")
                .then().statusCode(403)
                .body("violations.field", equalTo(List.of("id")))
                .body("violations[0].message", containsString("owner team-b"));

        assertThat(channels.count(Channels.SECRET_REGISTRY_OUT)).isZero();
        viewer().when().get("/api/secrets/" + secretId).then().statusCode(200)
                .body("owner", equalTo("team-b"))
                .body("initiator", equalTo("bob"));
    }

    @Test
    void aTokenWithoutScopeClaimsRegistersAnyOwnerAndClass() throws Exception {
        String secretId = "cache/anyone-" + UUID.randomUUID();

        registrar("rita", Map.of()).contentType(ContentType.JSON).body(registration(secretId, "team-z", "cache"))
                .when().post("/api/secrets").then().statusCode(201);
        registrar("rita", Map.of(TokenIssuer.OWNERS_CLAIM, List.of("team-z"))).contentType(ContentType.JSON)
                .body(registration(secretId, "team-z", "cache"))
                .when().post("/api/secrets").then().statusCode(200);
    }

    @Test
    void aTrailingStarCoversEveryOwnerWithThatPrefix() throws Exception {
        Map<String, List<String>> teams = Map.of(TokenIssuer.OWNERS_CLAIM, List.of("payments", "team-*"));

        for (String owner : List.of("payments", "team-orders", "team-")) {
            registrar("rita", teams).contentType(ContentType.JSON).body(registration("db/" + owner + "-" + UUID.randomUUID(), owner, "database"))
                    .when().post("/api/secrets").then().statusCode(201);
        }
        for (String owner : List.of("payments-eu", "teams", "ops")) {
            registrar("rita", teams).contentType(ContentType.JSON).body(registration("db/" + owner + "-" + UUID.randomUUID(), owner, "database"))
                    .when().post("/api/secrets").then().statusCode(403).body("violations.field", equalTo(List.of("owner")));
        }
    }

    /** A valid PostgreSQL registration of {@code secretId}, its store and admin entries written to Vault first. */
    private static Map<String, Object> registration(String secretId, String owner, String secretClass) throws Exception {
        VaultDevEntries.put(secretId, Map.of("username", "orders_app", "password", "s3cret-value-1"));
        VaultDevEntries.put("admin/" + secretId, Map.of("username", "rotor_admin", "password", "s3cret-admin-1"));
        return Map.of("id", secretId, "class", secretClass, "owner", owner, "cadence", "P30D",
                "store", Map.of("mount", "secret", "path", secretId),
                "target", Map.of("type", "postgresql", "host", "127.0.0.1", "port", 5432, "database", "app", "role", "orders_app",
                        "adminSecret", "admin/" + secretId));
    }
}
