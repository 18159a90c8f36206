package dev.rotor.scheduler.rest;

import static dev.rotor.scheduler.rest.Callers.as;
import static dev.rotor.scheduler.rest.Callers.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
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
import dev.rotor.scheduler.config.SchedulerConfig;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.ApprovalState;
import dev.rotor.schema.ControlScope;
import dev.rotor.schema.EmergencyApproval;
import dev.rotor.schema.PolicyApplied;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import dev.rotor.schema.SchedulingControl;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.stack.testing.MovableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** The policy and control endpoints, and the events they emit, with every channel in memory. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryMessaging.class, restrictToAnnotatedClass = true)
class PolicyControlApiTest {

    @Inject
    @Any
    InMemoryConnector messaging;

    @Inject
    ViewProgress view;

    @Inject
    SchedulerConfig config;

    private InMemoryChannels channels;
    // Its own class and ids: the matrix applied here must not change what other tests' secrets do.
    private final String className = "pol-" + UUID.randomUUID().toString().substring(0, 8);
    private final String secretId = className + "/orders";

    @BeforeEach
    void viewHasReadEverything() {
        InMemoryChannels.viewHasReadEverything(view);
        channels = new InMemoryChannels(messaging);
        channels.clear(Channels.ROTATION_POLICY_OUT, Channels.SECRET_REGISTRY_OUT, Channels.ROTATION_CONTROL_OUT,
                Channels.ROTATION_APPROVALS_OUT, Channels.ROTATION_REQUESTED_OUT);
    }

    @Test
    void anAppliedPolicyIsPublishedAndReRegistersTheSecretsItChanges() {
        Instant registeredAt = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        channels.register(secretId, registeredAt);
        String yaml = matrix("no");

        String revision = as("alice", Roles.POLICY_ADMIN).body(yaml).queryParam("source", "matrix.yaml")
                .when().post("/api/policies")
                .then().statusCode(200)
                .body("policy", equalTo("test-matrix"))
                .body("appliedBy", equalTo("alice"))
                .body("unchanged", equalTo(false))
                .body("changes.classesAdded", hasItem(className))
                .body("changes.secrets.secretId", hasItem(secretId))
                .body("changes.secrets.find { it.secretId == '" + secretId + "' }.changes.field", hasItem("cadence"))
                .extract().path("revision");

        PolicyApplied applied = channels.single(Channels.ROTATION_POLICY_OUT, "test-matrix", PolicyApplied.class);
        assertThat(applied.getRevision()).isEqualTo(revision).hasSize(64);
        assertThat(applied.getDocument()).isEqualTo(yaml);
        assertThat(applied.getInitiator()).isEqualTo("alice");
        assertThat(applied.getSourceFile()).isEqualTo("matrix.yaml");

        SecretRegistered registration = channels.single(Channels.SECRET_REGISTRY_OUT, secretId, SecretRegistered.class);
        assertThat(registration.getSecretClass()).isEqualTo(className);
        assertThat(registration.getOwner()).isEqualTo("team-policy");
        assertThat(registration.getContact()).isEqualTo("#policy-oncall");
        assertThat(registration.getCadence()).isEqualTo("P7D");
        assertThat(registration.getMaxAgeSeconds()).isEqualTo(7 * 24 * 3600L);
        assertThat(registration.getExemptUntil()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThat(registration.getExemptReason()).isEqualTo("vendor freeze FRZ-1");
        assertThat(registration.getPolicyRevision()).isEqualTo(revision);
        assertThat(registration.getRegisteredAt()).isEqualTo(registeredAt);

        viewer().when().get("/api/policies").then().statusCode(200)
                .body("revision", equalTo(revision))
                .body("appliedBy", equalTo("alice"))
                .body("document", equalTo(yaml));
        // For people (./rotor policy show): a YAML comment saying which revision, then the file itself.
        viewer().accept(ContentType.TEXT).when().get("/api/policies").then().statusCode(200).contentType(ContentType.TEXT)
                .body(startsWith("# policy test-matrix, revision " + revision.substring(0, 12) + ", applied by alice at "),
                        endsWith(" from matrix.yaml\n" + yaml));

        // The same file again: nothing to publish.
        int registrations = channels.count(Channels.SECRET_REGISTRY_OUT);
        as("bob", Roles.POLICY_ADMIN).body(yaml).when().post("/api/policies")
                .then().statusCode(200).body("unchanged", equalTo(true)).body("appliedBy", equalTo("alice"));
        assertThat(messaging.sink(Channels.ROTATION_POLICY_OUT).received()).hasSize(1);
        assertThat(messaging.sink(Channels.SECRET_REGISTRY_OUT).received()).hasSize(registrations);
    }

    @Test
    void aClassStrategyRotatesTheSecretsItGovernsWhereItFitsThem() throws Exception {
        channels.register(secretId, Instant.now());
        String alternating = matrix("no").replace("    cadence: P7D\n", "    cadence: P7D\n    strategy: alternating-users\n");

        // The registered secret names no second account: the class's strategy would strand it.
        as("alice", Roles.POLICY_ADMIN).body(alternating).queryParam("source", "matrix.yaml").when().post("/api/policies")
                .then().statusCode(400)
                .body("lines", hasItem(allOf(startsWith("matrix.yaml:7: classes." + className + ".strategy: alternating-users (classes."
                        + className + ".strategy) cannot rotate " + secretId + ": target.alternateRole: required"),
                        containsString("give the secret its own strategy"))));
        assertThat(messaging.sink(Channels.ROTATION_POLICY_OUT).received()).isEmpty();

        // Its own entry keeps it single-user; the class's strategy governs the rest.
        apply(alternating + "secrets:\n  " + secretId + ":\n    strategy: single-user\n");
        assertThat(channels.single(Channels.SECRET_REGISTRY_OUT, secretId, SecretRegistered.class).getStrategy()).isEqualTo("single-user");

        String pair = className + "/pair";
        registrar().contentType(ContentType.JSON).body(registration(pair, Map.of("alternateRole", "orders_b")))
                .when().post("/api/secrets").then().statusCode(201);
        assertThat(channels.single(Channels.SECRET_REGISTRY_OUT, pair, SecretRegistered.class).getStrategy()).isEqualTo("alternating-users");

        String lone = className + "/lone";
        registrar().contentType(ContentType.JSON).body(registration(lone, Map.of()))
                .when().post("/api/secrets").then().statusCode(400)
                .body("violations.find { it.field == 'strategy' }.message", allOf(startsWith("alternating-users (classes." + className
                        + ".strategy) cannot rotate " + lone), containsString("target.alternateRole: required"),
                        endsWith("(rotation matrix test-matrix)")));
        assertThat(channels.values(Channels.SECRET_REGISTRY_OUT, lone, SecretRegistered.class)).isEmpty();
    }

    @Test
    void aClassesAllowedHostsBoundWhereItsSecretsMayPoint() throws Exception {
        channels.register(secretId, Instant.now());
        String elsewhere = matrix("no").replace("    cadence: P7D\n", "    cadence: P7D\n    allowedHosts: [10.0.0.0/8, \"*.db.example.com\"]\n");

        // The registered secret targets 127.0.0.1: the list would strand it.
        as("alice", Roles.POLICY_ADMIN).body(elsewhere).queryParam("source", "matrix.yaml").when().post("/api/policies")
                .then().statusCode(400)
                .body("lines", hasItem("matrix.yaml:7: classes." + className + ".allowedHosts: " + secretId + " targets 127.0.0.1,"
                        + " which none of class " + className + "'s allowed hosts [10.0.0.0/8, *.db.example.com] allows"));
        assertThat(messaging.sink(Channels.ROTATION_POLICY_OUT).received()).isEmpty();

        apply(elsewhere.replace("[10.0.0.0/8,", "[127.0.0.0/8,"));
        String away = className + "/away";
        Map<String, Object> body = new HashMap<>(registration(away, Map.of()));
        body.put("target", new HashMap<>(Map.of("type", "postgresql", "host", "198.51.100.9", "port", 5432, "role", "orders_a",
                "adminSecret", "admin/" + away)));
        registrar().contentType(ContentType.JSON).body(body).when().post("/api/secrets").then().statusCode(400)
                .body("violations.find { it.field == 'target.host' }.message", equalTo(away + " targets 198.51.100.9, which none of"
                        + " class " + className + "'s allowed hosts [127.0.0.0/8, *.db.example.com] allows (rotation matrix test-matrix)"));
        registrar().contentType(ContentType.JSON).body(registration(className + "/near", Map.of())).when().post("/api/secrets")
                .then().statusCode(201);
        assertThat(channels.values(Channels.SECRET_REGISTRY_OUT, away, SecretRegistered.class)).isEmpty();
    }

    @Test
    void aClassesAdminSecretIsTheOnlyOneItsSecretsMayName() throws Exception {
        channels.register(secretId, Instant.now());
        String ownAdmin = matrix("no").replace("    cadence: P7D\n", "    cadence: P7D\n    adminSecret: admin/" + className + "\n");

        // The registered secret names no admin of this class's: the matrix would leave it borrowing another one.
        as("alice", Roles.POLICY_ADMIN).body(ownAdmin).queryParam("source", "matrix.yaml").when().post("/api/policies")
                .then().statusCode(400)
                .body("lines", hasItem("matrix.yaml:7: classes." + className + ".adminSecret: class " + className
                        + " changes its secrets' credentials with the admin at admin/" + className + " only; " + secretId + " names none"));

        channels.register(secretId, Instant.now(), "admin/" + className);
        apply(ownAdmin);
        String borrower = className + "/borrower";
        registrar().contentType(ContentType.JSON).body(registration(borrower, Map.of())).when().post("/api/secrets").then().statusCode(400)
                .body("violations.find { it.field == 'target.adminSecret' }.message", equalTo("class " + className
                        + " changes its secrets' credentials with the admin at admin/" + className + " only; " + borrower + " names admin/"
                        + borrower + " (rotation matrix test-matrix)"));
        VaultDevEntries.put("admin/" + className, Map.of("username", "rotor_admin", "password", "policy-test-password-3"));
        Map<String, Object> body = new HashMap<>(registration(className + "/own", Map.of()));
        @SuppressWarnings("unchecked")
        Map<String, Object> target = new HashMap<>((Map<String, Object>) body.get("target"));
        target.put("adminSecret", "admin/" + className);
        body.put("target", target);
        registrar().contentType(ContentType.JSON).body(body).when().post("/api/secrets").then().statusCode(201);
    }

    @Test
    void aPageOnAnotherSiteCannotApplyAPolicyOrRegisterASecret() {
        // What a browser sends for a form-like POST from https://evil.example, with no preflight; with a token that may do
        // both, so that the refusal is the Origin's.
        as("mallory", Roles.POLICY_ADMIN, Roles.REGISTRAR).header("Origin", "https://evil.example").contentType(ContentType.TEXT)
                .body(matrix("no")).when().post("/api/policies")
                .then().statusCode(403);
        as("mallory", Roles.POLICY_ADMIN, Roles.REGISTRAR).header("Origin", "https://evil.example").contentType(ContentType.TEXT)
                .body("{}").when().post("/api/secrets")
                .then().statusCode(403);
        assertThat(messaging.sink(Channels.ROTATION_POLICY_OUT).received()).isEmpty();
        assertThat(messaging.sink(Channels.SECRET_REGISTRY_OUT).received()).isEmpty();
    }

    private static RequestSpecification registrar() {
        return as("rita", Roles.REGISTRAR);
    }

    /** A PostgreSQL registration through the API, its store entries written first, as an operator does it. */
    private static Map<String, Object> registration(String id, Map<String, Object> extraTarget) throws Exception {
        VaultDevEntries.put(id, Map.of("username", "orders_a", "password", "policy-test-password-1"));
        VaultDevEntries.put("admin/" + id, Map.of("username", "rotor_admin", "password", "policy-test-password-2"));
        Map<String, Object> target = new HashMap<>(Map.of("type", "postgresql", "host", "127.0.0.1", "port", 5432,
                "role", "orders_a", "adminSecret", "admin/" + id));
        target.putAll(extraTarget);
        return Map.of("id", id, "class", "database", "owner", "team-orders", "cadence", "P30D",
                "store", Map.of("mount", "secret", "path", id), "target", target);
    }

    @Test
    void aDiffShowsWhatWouldChangeAndPublishesNothing() {
        channels.register(secretId, Instant.now());
        apply(matrix("no"));
        messaging.sink(Channels.ROTATION_POLICY_OUT).clear();
        messaging.sink(Channels.SECRET_REGISTRY_OUT).clear();

        viewer().body(matrix("no").replace("team-policy", "team-other")).queryParam("source", "next.yaml")
                .when().post("/api/policies/diff")
                .then().statusCode(200)
                .body("classesChanged['" + className + "'].field", hasItem("owner"))
                .body("classesChanged['" + className + "'].find { it.field == 'owner' }.before", equalTo("team-policy"))
                .body("classesChanged['" + className + "'].find { it.field == 'owner' }.after", equalTo("team-other"))
                .body("secretsChanged", equalTo(1))
                .body("secrets[0].changes[0].field", equalTo("owner"));
        // For people (./rotor policy diff): one line a change, then the count; and still nothing published.
        List<String> lines = viewer().accept(ContentType.TEXT).body(matrix("no").replace("team-policy", "team-other"))
                .when().post("/api/policies/diff")
                .then().statusCode(200).contentType(ContentType.TEXT)
                .extract().asString().lines().toList();
        assertThat(lines.get(0)).matches("revision [0-9a-f]{12} -> [0-9a-f]{12}");
        assertThat(lines.subList(1, lines.size())).containsExactly("class " + className + ": owner team-policy -> team-other",
                secretId + ": owner team-policy -> team-other", "1 rule change(s), 1 secret(s) changed");

        assertThat(messaging.sink(Channels.ROTATION_POLICY_OUT).received()).isEmpty();
        assertThat(messaging.sink(Channels.SECRET_REGISTRY_OUT).received()).isEmpty();
    }

    @Test
    void aFileWithMistakesIsRejectedWholeWithFileLineAndField() {
        String yaml = "name: broken\nclasses:\n  " + className + ":\n    owner: team-policy\n    cadense: P7D\n    token: abc\n";

        as("alice", Roles.POLICY_ADMIN).body(yaml).queryParam("source", "broken.yaml")
                .when().post("/api/policies")
                .then().statusCode(400)
                .body("error", containsString("rejected whole"))
                .body("violations.line", equalTo(List.of(5, 6)))
                .body("violations.field", equalTo(List.of("classes." + className + ".cadense", "classes." + className + ".token")))
                .body("lines[0]", containsString("broken.yaml:5: classes." + className + ".cadense: unknown key: did you mean 'cadence'?"));
        // ./rotor asks for text: a rejection stays JSON, its "lines" printed one a line.
        as("alice", Roles.POLICY_ADMIN).accept(ContentType.TEXT).body(yaml).queryParam("source", "broken.yaml")
                .when().post("/api/policies")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("lines", hasSize(2));

        assertThat(messaging.sink(Channels.ROTATION_POLICY_OUT).received()).isEmpty();
    }

    @Test
    void aPausedClassIsAnnouncedResumedAndStillRotatableByHand() {
        channels.register(secretId, Instant.now());
        apply(matrix("no"));

        as("carol", Roles.OPERATOR).contentType(ContentType.JSON).body(Map.of("scope", "class", "name", className, "reason", "DB upgrade"))
                .when().post("/api/pauses")
                .then().statusCode(201)
                .body("key", equalTo("class/" + className))
                .body("source", equalTo("OPERATOR"));
        SchedulingControl paused = channels.single(Channels.ROTATION_CONTROL_OUT, "class/" + className, SchedulingControl.class);
        assertThat(paused.getPaused()).isTrue();
        assertThat(paused.getScope()).isEqualTo(ControlScope.SECRET_CLASS);
        assertThat(paused.getScopeName()).isEqualTo(className);
        assertThat(paused.getReason()).isEqualTo("DB upgrade");
        assertThat(paused.getInitiator()).as("who paused is the token's principal").isEqualTo("carol");
        viewer().when().get("/api/pauses").then().statusCode(200).body("key", hasItem("class/" + className));
        viewer().accept(ContentType.TEXT).when().get("/api/pauses").then().statusCode(200)
                .body(containsString("SCOPE  "), matchesPattern("(?s).*\nclass +" + className + " +OPERATOR +carol +\\S+Z +DB upgrade\n.*"));

        as("dave", Roles.OPERATOR).contentType(ContentType.JSON).body(Map.of("secretId", secretId))
                .when().post("/api/rotations")
                .then().statusCode(202)
                .body("paused.initiator", equalTo("carol"))
                .body("paused.reason", equalTo("DB upgrade"))
                .body("warning", containsString("is paused"))
                .body("warning", containsString("./rotor resume --class " + className));
        assertThat(messaging.sink(Channels.ROTATION_REQUESTED_OUT).received()).hasSize(1);

        as("carol", Roles.OPERATOR).contentType(ContentType.JSON).body(Map.of("scope", "class", "name", className, "reason", "upgrade done"))
                .when().post("/api/pauses/resume")
                .then().statusCode(200).body("lifted.reason", equalTo("DB upgrade"));
        assertThat(messaging.sink(Channels.ROTATION_CONTROL_OUT).received()).hasSize(2);
        as("carol", Roles.OPERATOR).contentType(ContentType.JSON).body(Map.of("scope", "class", "name", className, "reason", "again"))
                .when().post("/api/pauses/resume")
                .then().statusCode(409).body("error", containsString("Nothing is paused at class/" + className));
        as("dave", Roles.OPERATOR).contentType(ContentType.JSON).body(Map.of("secretId", secretId))
                .when().post("/api/rotations")
                .then().statusCode(202).body("paused", nullValue()).body("warning", nullValue());
    }

    @Test
    void aPauseWithoutReasonOrNameIsRefused() {
        // Who pauses is the token's principal: only what the body must say is named.
        as("carol", Roles.OPERATOR).contentType(ContentType.JSON).body(Map.of("scope", "secret"))
                .when().post("/api/pauses")
                .then().statusCode(400)
                .body("violations.field", equalTo(List.of("reason", "name")));
        as("carol", Roles.OPERATOR).contentType(ContentType.JSON).body(Map.of("scope", "everything", "reason", "r"))
                .when().post("/api/pauses")
                .then().statusCode(400).body("violations[0].message", containsString("global, class, secret"));
        assertThat(messaging.sink(Channels.ROTATION_CONTROL_OUT).received()).isEmpty();
    }

    @Test
    void anEmergencyRotationWaitsForASecondPersonWhereThePolicyAsks() {
        channels.register(secretId, Instant.now());
        apply(matrix("yes"));

        String requestId = emergencyRequestedBy("alice", Roles.OPERATOR);
        EmergencyApproval pending = channels.single(Channels.ROTATION_APPROVALS_OUT, requestId, EmergencyApproval.class);
        assertThat(pending.getState()).isEqualTo(ApprovalState.PENDING);
        assertThat(pending.getRequestedBy()).isEqualTo("alice");
        assertThat(pending.getReason()).isEqualTo("key leaked in CI logs");
        assertThat(pending.getExpiresAt()).isEqualTo(pending.getRequestedAt().plus(Duration.ofHours(1)));
        assertThat(messaging.sink(Channels.ROTATION_REQUESTED_OUT).received()).isEmpty();

        approve(requestId, "bob")
                .statusCode(202)
                .body("rotationId", equalTo(requestId))
                .body("approvedBy", equalTo("bob"));

        RotationRequested requested = channels.single(Channels.ROTATION_REQUESTED_OUT, secretId, RotationRequested.class);
        assertThat(requested.getRotationId()).isEqualTo(requestId);
        assertThat(requested.getReason()).isEqualTo(RotationReason.EMERGENCY);
        assertThat(requested.getInitiator()).isEqualTo("alice");
        assertThat(requested.getApprovedBy()).isEqualTo("bob");
        List<EmergencyApproval> approvals = channels.values(Channels.ROTATION_APPROVALS_OUT, requestId, EmergencyApproval.class);
        assertThat(approvals).extracting(EmergencyApproval::getState).containsExactly(ApprovalState.PENDING, ApprovalState.APPROVED);
        assertThat(approvals.get(1).getApprovedBy()).isEqualTo("bob");

        approve(requestId, "carol").statusCode(409).body("error", containsString("already approved by bob"));
        approve(UUID.randomUUID().toString(), "carol").statusCode(404);
        assertThat(messaging.sink(Channels.ROTATION_REQUESTED_OUT).received()).hasSize(1);
    }

    @Test
    void theRequesterCannotApproveTheirOwnEmergencyEvenHoldingTheApproverRole() {
        channels.register(secretId, Instant.now());
        apply(matrix("yes"));
        String requestId = emergencyRequestedBy("alice", Roles.OPERATOR, Roles.APPROVER);

        // The same person however the name is written: principals are compared without case.
        approve(requestId, "Alice").statusCode(403)
                .body("error", containsString("second person"))
                .body("error", containsString("./rotor approve " + requestId));

        assertThat(channels.values(Channels.ROTATION_APPROVALS_OUT, requestId, EmergencyApproval.class))
                .extracting(EmergencyApproval::getState).containsExactly(ApprovalState.PENDING);
        assertThat(channels.count(Channels.ROTATION_REQUESTED_OUT)).isZero();
    }

    @Test
    void anOperatorWithoutTheApproverRoleCannotApprove() {
        channels.register(secretId, Instant.now());
        apply(matrix("yes"));
        String requestId = emergencyRequestedBy("alice", Roles.OPERATOR);

        as("carol", Roles.OPERATOR).contentType(ContentType.JSON).when().post("/api/approvals/" + requestId)
                .then().statusCode(403);

        assertThat(channels.values(Channels.ROTATION_APPROVALS_OUT, requestId, EmergencyApproval.class))
                .extracting(EmergencyApproval::getState).containsExactly(ApprovalState.PENDING);
        assertThat(channels.count(Channels.ROTATION_REQUESTED_OUT)).isZero();
    }

    @Test
    void aManualRotationOfAClassThatAsksForASecondApproverIsRefusedAndSentToTheEmergencyPath() {
        channels.register(secretId, Instant.now());
        apply(matrix("yes"));

        // MANUAL also rotates out of schedule: were it let through, the rule would be a choice of word.
        as("alice", Roles.OPERATOR).contentType(ContentType.JSON).body(Map.of("secretId", secretId, "reason", "MANUAL"))
                .when().post("/api/rotations")
                .then().statusCode(403)
                .body("error", containsString("EMERGENCY"))
                .body("error", containsString("./rotor rotate " + secretId + " --emergency"));

        assertThat(channels.count(Channels.ROTATION_REQUESTED_OUT)).isZero();
        assertThat(channels.count(Channels.ROTATION_APPROVALS_OUT)).isZero();
    }

    @Test
    void anApprovalAfterTheTtlIsGoneRecordedAsExpiredAndRequestsNothing() {
        // Now, not a fixed date: a policy applied earlier than one already in force would not take effect.
        MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
        QuarkusMock.installMockForType(clock, Clock.class);
        channels.register(secretId, clock.instant());
        apply(matrix("yes"));
        String requestId = emergencyRequestedBy("alice", Roles.OPERATOR);
        Instant expiresAt = clock.instant().plus(config.approvalTtl());

        clock.advance(config.approvalTtl().plusSeconds(1));
        approve(requestId, "bob")
                .statusCode(410)
                .body("error", containsString("expired at " + expiresAt))
                .body("error", containsString("./rotor rotate " + secretId + " --emergency"));

        List<EmergencyApproval> approvals = channels.values(Channels.ROTATION_APPROVALS_OUT, requestId, EmergencyApproval.class);
        assertThat(approvals).extracting(EmergencyApproval::getState).containsExactly(ApprovalState.PENDING, ApprovalState.EXPIRED);
        EmergencyApproval expired = approvals.get(1);
        assertThat(expired.getApprovedBy()).isNull();
        assertThat(expired.getRequestedBy()).isEqualTo("alice");
        assertThat(expired.getExpiresAt()).isEqualTo(expiresAt);
        assertThat(expired.getOccurredAt()).isAfter(expiresAt);
        assertThat(channels.values(Channels.ROTATION_REQUESTED_OUT, secretId, RotationRequested.class)).isEmpty();

        // Asked again: still gone, and the expiry is not announced twice.
        approve(requestId, "carol").statusCode(410);
        assertThat(channels.values(Channels.ROTATION_APPROVALS_OUT, requestId, EmergencyApproval.class)).hasSize(2);
        assertThat(channels.count(Channels.ROTATION_REQUESTED_OUT)).isZero();

        // One more approval-ttl on: the request is forgotten (memory is bounded), and an approval finds nothing.
        clock.advance(config.approvalTtl());
        approve(requestId, "carol").statusCode(404);
        assertThat(channels.values(Channels.ROTATION_APPROVALS_OUT, requestId, EmergencyApproval.class)).hasSize(2);
    }

    @Test
    void anEmergencyRotationWithoutASecondApproverInThePolicyIsRequestedAtOnceAndRecordedForTheRotator() {
        channels.register(secretId, Instant.now());
        apply(matrix("no"));

        String rotationId = as("alice", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "reason", "emergency", "detail", "token in a screenshot"))
                .when().post("/api/rotations")
                .then().statusCode(202).body("reason", equalTo("EMERGENCY")).body("rotationId", containsString("-"))
                .extract().path("rotationId");
        assertThat(channels.single(Channels.ROTATION_REQUESTED_OUT, secretId, RotationRequested.class).getApprovedBy()).isNull();
        // The rotator carries out no EMERGENCY request without this record (ApprovalRecords): approved, by no one.
        EmergencyApproval recorded = channels.single(Channels.ROTATION_APPROVALS_OUT, rotationId, EmergencyApproval.class);
        assertThat(recorded.getState()).isEqualTo(ApprovalState.APPROVED);
        assertThat(recorded.getApprovedBy()).isNull();
        assertThat(recorded.getSecretId()).isEqualTo(secretId);
        assertThat(recorded.getRequestedBy()).isEqualTo("alice");
        assertThat(recorded.getReason()).isEqualTo("token in a screenshot");
    }

    /** An emergency rotation of this test's secret that waits for its second approver; returns the request id. */
    private String emergencyRequestedBy(String requester, String... roles) {
        return as(requester, roles).contentType(ContentType.JSON)
                .body(Map.of("secretId", secretId, "reason", "EMERGENCY", "detail", "key leaked in CI logs"))
                .when().post("/api/rotations")
                .then().statusCode(202)
                .body("state", equalTo("PENDING"))
                .body("requestedBy", equalTo(requester))
                .body("note", containsString("./rotor approve "))
                .extract().path("requestId");
    }

    /** {@code approver} approves with the approver role: the approval has no body, the token says who. */
    private static ValidatableResponse approve(String requestId, String approver) {
        return as(approver, Roles.APPROVER).contentType(ContentType.JSON).when().post("/api/approvals/" + requestId).then();
    }

    private String matrix(String secondApprover) {
        return """
                name: test-matrix
                classes:
                  %s:
                    owner: team-policy
                    contact: "#policy-oncall"
                    cadence: P7D
                    scope: ["%s/*"]
                    emergencySecondApprover: %s
                    exemptions:
                      - secrets: "%s"
                        reason: vendor freeze FRZ-1
                        until: 2030-01-01
                """.formatted(className, className, secondApprover, secretId);
    }

    private void apply(String yaml) {
        as("test", Roles.POLICY_ADMIN).body(yaml).when().post("/api/policies").then().statusCode(200);
    }
}
