package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.Topics;
import dev.rotor.e2e.Rotations.ManagedRole;
import dev.rotor.schema.RotationFailed;
import dev.rotor.schema.RotationFailureReason;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import dev.rotor.stack.testing.RotorStack;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/** A PostgreSQL password rotation through the four services, as an operator drives it. */
class RotationEndToEndIT extends EndToEndTest {

    @Test
    void aRotationCompletesAndOnlyTheNewPasswordLogsIn() throws Exception {
        ManagedRole role = rotations.newRole("orders_app");
        int versionBefore = role.storedVersion();

        String rotationId = rotations.request(role.secretId());

        assertThat(rotations.awaitTerminal(rotationId)).isEqualTo("RotationCompleted");
        assertThat(log.typesOf(rotationId)).containsSubsequence(
                "RotationRequested", "SecretUpdated", "VerificationSucceeded", "RotationCompleted");
        assertThat(role.storedVersion()).isEqualTo(versionBefore + 1);
        String newPassword = role.storedPassword();
        assertThat(newPassword).isNotEqualTo(role.initialPassword()).hasSize(32);
        assertThat(Fixtures.logsIn(role.role(), newPassword)).as("the store's new value logs in").isTrue();
        assertThat(Fixtures.logsIn(role.role(), role.initialPassword())).as("the old value no longer does").isFalse();
        assertThat(auditTimeline(rotationId)).as("the audit service's timeline, in order")
                .containsExactly("RotationRequested", "SecretUpdated", "VerificationSucceeded", "RotationCompleted");
    }

    /** Seed 000's step 2: after a completed rotation, roll back to the last good secret (N-1) — as a new, verified rotation. */
    @Test
    void aCompletedRotationIsRevertedToTheLastGoodVersionAsANewVerifiedRotation() throws Exception {
        ManagedRole role = rotations.newRole("revert_app");
        assertThat(rotations.awaitTerminal(rotations.request(role.secretId()))).isEqualTo("RotationCompleted");
        assertThat(Fixtures.logsIn(role.role(), role.initialPassword())).isFalse();

        HttpResponse<String> accepted = Fixtures.post(services.schedulerUrl() + "/api/rollbacks", Map.of("secretId", role.secretId(),
                "toVersion", 1, "cause", "the new password broke the billing job"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        String revertId = Fixtures.JSON.readTree(accepted.body()).get("rotationId").asText();

        assertThat(rotations.awaitTerminal(revertId)).isEqualTo("RotationCompleted");
        assertThat(log.typesOf(revertId)).containsSubsequence("RotationRequested", "SecretUpdated", "VerificationSucceeded",
                "RotationCompleted");
        assertThat(role.storedVersion()).as("the revert is a new version, not a rewind").isEqualTo(3);
        assertThat(role.storedPassword()).isEqualTo(role.initialPassword());
        assertThat(Fixtures.logsIn(role.role(), role.initialPassword())).as("version 1's credential logs in again").isTrue();
        assertThat(auditTimeline(revertId)).containsExactly("RotationRequested", "SecretUpdated", "VerificationSucceeded",
                "RotationCompleted");
    }

    /** The event types of a rotation's timeline as the audit service serves it, once it has the terminal event. */
    private static List<String> auditTimeline(String rotationId) {
        return await().atMost(Duration.ofSeconds(30)).until(() -> {
            HttpResponse<String> response = Fixtures.get(services.auditUrl() + "/api/rotations/" + rotationId);
            if (response.statusCode() != 200 || Fixtures.JSON.readTree(response.body()).get("terminal").isNull()) {
                return List.<String>of();
            }
            List<String> types = new ArrayList<>();
            Fixtures.JSON.readTree(response.body()).get("events").forEach(e -> types.add(e.get("type").asText()));
            return types;
        }, types -> !types.isEmpty());
    }

    @Test
    void aFailedVerificationIsRolledBackAndTheStoredPasswordStillWorks() throws Exception {
        String database = "e2e_noconnect_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Fixtures.execAsAdmin("CREATE DATABASE " + database);
        Fixtures.execAsAdmin("REVOKE CONNECT ON DATABASE " + database + " FROM PUBLIC");
        ManagedRole managed = rotations.newRole("db", "locked_out", database);
        String role = managed.role();
        String secretId = managed.secretId();
        int versionBefore = managed.storedVersion();

        String rotationId = rotations.request(secretId);

        assertThat(rotations.awaitTerminal(rotationId)).isEqualTo("RotationRolledBack");
        assertThat(log.typesOf(rotationId)).containsSubsequence(
                "RotationRequested", "SecretUpdated", "VerificationFailed", "RollbackRequested", "RotationRolledBack");
        assertThat(managed.storedVersion()).as("the store's current version is unchanged").isEqualTo(versionBefore);
        assertThat(managed.storedPassword()).isEqualTo(managed.initialPassword());
        Fixtures.execAsAdmin("GRANT CONNECT ON DATABASE " + database + " TO " + role);
        assertThat(Fixtures.logsIn(role, managed.initialPassword())).as("once the cause is removed, the stored value logs in").isTrue();
    }

    @Test
    void requestsForUnknownSecretsAndInvalidRegistrationsGetClearErrors() throws Exception {
        HttpResponse<String> unknown = Fixtures.post(services.schedulerUrl() + "/api/rotations",
                Map.of("secretId", "db/never-registered", "reason", "MANUAL"));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("db/never-registered");

        Map<String, Object> badType = new HashMap<>(Fixtures.registration("db/bad-type", "db/bad-type", "nobody"));
        badType.put("target", Map.of("type", "oracle", "host", "127.0.0.1", "port", 1521, "role", "x", "adminSecret", Fixtures.ADMIN_PATH));
        HttpResponse<String> rejected = Fixtures.post(services.schedulerUrl() + "/api/secrets", badType);
        assertThat(rejected.statusCode()).isEqualTo(400);
        assertThat(rejected.body()).contains("target.type");
    }

    /**
     * The two-person rule cannot be skipped by writing an EMERGENCY request straight to rotation.requested, which
     * outside producers (rotor-requester) may write: the rotator finds no approval of it on rotation.approvals (only
     * the scheduler writes that) and ends it RotationFailed(NOT_APPROVED) before touching anything, while an
     * emergency requested from the scheduler, which records its approval first, completes.
     */
    @Test
    void anEmergencyRequestWrittenToTheTopicWithoutTheSchedulersApprovalIsRefusedAndChangesNothing() throws Exception {
        ManagedRole role = rotations.newRole("forged_emergency");
        String rotationId = UUID.randomUUID().toString();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        RotationRequested forged = RotationRequested.newBuilder()
                .setEventId(UUID.randomUUID())
                .setRotationId(rotationId)
                .setSecretId(role.secretId())
                .setOccurredAt(now)
                .setReason(RotationReason.EMERGENCY)
                .setInitiator("mallory")
                .setApprovedBy("bob")
                .setDeadline(now.plus(Duration.ofMinutes(10)))
                .setAttempt(1)
                .build();
        Map<String, Object> requester = new HashMap<>(RotorServices.broker().login("rotor-requester").clientSettings());
        requester.putAll(RotorStack.registry().serdeConfig());
        try (KafkaProducer<String, RotationRequested> producer = new KafkaProducer<>(requester, new StringSerializer(),
                avroSerializer(requester))) {
            producer.send(new ProducerRecord<>(Topics.ROTATION_REQUESTED, role.secretId(), forged)).get();
        }

        assertThat(rotations.awaitTerminal(rotationId)).isEqualTo("RotationFailed");
        RotationFailed refused = (RotationFailed) log.of(rotationId).stream().filter(RotationFailed.class::isInstance).findFirst().orElseThrow();
        assertThat(refused.getReason()).isEqualTo(RotationFailureReason.NOT_APPROVED);
        assertThat(refused.getRetryable()).isFalse();
        assertThat(refused.getDetail()).contains("no approval", Topics.ROTATION_APPROVALS);
        assertThat(log.typesOf(rotationId)).containsExactly("RotationRequested", "RotationFailed");
        assertThat(role.storedVersion()).as("the store is untouched").isEqualTo(1);
        assertThat(role.stagedPassword()).as("nothing was staged").isEmpty();
        assertThat(Fixtures.logsIn(role.role(), role.initialPassword())).as("the target is untouched").isTrue();

        HttpResponse<String> emergency = Fixtures.post(services.schedulerUrl() + "/api/rotations",
                Map.of("secretId", role.secretId(), "reason", "EMERGENCY", "detail", "the key was in a screenshot"));
        assertThat(emergency.statusCode()).as(emergency.body()).isEqualTo(202);
        String approvedId = Fixtures.JSON.readTree(emergency.body()).get("rotationId").asText();
        assertThat(rotations.awaitTerminal(approvedId)).isEqualTo("RotationCompleted");
        assertThat(role.storedVersion()).isEqualTo(2);
    }

    private static Serializer<RotationRequested> avroSerializer(Map<String, Object> settings) {
        AvroKafkaSerializer<RotationRequested> serializer = new AvroKafkaSerializer<>();
        serializer.configure(settings, false);
        return serializer;
    }

    /**
     * Each service runs on a Vault token of its own (ServiceTokens: periodic, 24 h) and reports how long it has left
     * on /q/metrics (VaultTokenKeeper), so that VaultTokenExpiringSoon can fire before a token lapses.
     */
    @Test
    void everyServiceReportsHowLongItsOwnVaultTokenHasLeft() throws Exception {
        for (String service : List.of(RotorServices.SCHEDULER, RotorServices.ROTATOR, RotorServices.VERIFIER, RotorServices.AUDIT)) {
            String metrics = await().atMost(Duration.ofSeconds(30)).until(() -> Fixtures.get(services.get(service).url() + "/q/metrics").body(),
                    body -> body.contains("vault_token_expiry_seconds "));
            double expiry = Double.parseDouble(metrics.lines().filter(line -> line.startsWith("vault_token_expiry_seconds "))
                    .findFirst().orElseThrow().split(" ")[1]);
            assertThat(expiry).as("%s: its own token, not the root token that never expires", service)
                    .isBetween(Duration.ofHours(12).toSeconds() * 1.0, Duration.ofHours(24).toSeconds() * 1.0);
        }
    }
}
