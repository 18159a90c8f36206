package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.rotor.e2e.Rotations.ManagedRole;

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
}
