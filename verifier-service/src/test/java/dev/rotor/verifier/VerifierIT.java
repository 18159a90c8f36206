package dev.rotor.verifier;

import static dev.rotor.verifier.RotatorStandIn.deserialize;
import static dev.rotor.verifier.RotatorStandIn.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.EventIds;
import dev.rotor.contract.Topics;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.TargetRef;
import dev.rotor.schema.VerificationFailed;
import dev.rotor.schema.VerificationFailureCategory;
import dev.rotor.schema.VerificationSucceeded;
import dev.rotor.stack.PostgresSettings;
import dev.rotor.stack.testing.RotorStackResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vault.client.VaultClient;

/**
 * The verifier against the real broker, registry, dev Vault and PostgreSQL: events in and out
 * through the real topics and serde, logins against real roles with scram-sha-256 passwords. Every
 * secret is registered and staged as the scheduler and the rotator do ({@link RotatorStandIn}).
 */
@QuarkusTest
@WithTestResource(value = RotorStackResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
class VerifierIT {

    private static final List<String> CREATED_DATABASES = new ArrayList<>();
    private static final List<String> CREATED_ROLES = new ArrayList<>();

    @Inject
    VaultClient vault;

    @ConfigProperty(name = "rotor.verifier.retry.attempts")
    int attempts;

    private RotatorStandIn rotator;

    @BeforeEach
    void connect() {
        rotator = new RotatorStandIn(vault);
    }

    @AfterEach
    void disconnect() {
        rotator.close();
    }

    @AfterAll
    static void dropTestObjects() throws SQLException {
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            for (String database : CREATED_DATABASES) {
                statement.execute("DROP DATABASE IF EXISTS " + statement.enquoteIdentifier(database, true));
            }
            for (String role : CREATED_ROLES) {
                statement.execute("DROP ROLE IF EXISTS " + statement.enquoteIdentifier(role, true));
            }
        }
    }

    @Test
    void aStagedPasswordThatLogsInIsVerified() throws Exception {
        String role = uniqueName("verifier_it_ok");
        String password = newPassword();
        createRole(role, password);
        SecretUpdated event = registeredAndStaged(role, pg().database(), password);

        rotator.publish(event);

        ConsumerRecord<String, byte[]> record = rotator.awaitRecord(Topics.VERIFICATION_SUCCEEDED, event.getSecretId());
        VerificationSucceeded verified = deserialize(Topics.VERIFICATION_SUCCEEDED, record.value(), VerificationSucceeded.class);
        assertThat(verified.getEventId()).isEqualTo(EventIds.of(event.getRotationId(), VerificationSucceeded.class));
        assertThat(verified.getRotationId()).isEqualTo(event.getRotationId());
        assertThat(verified.getProbe()).isEqualTo("postgresql login + SELECT current_user");
        assertThat(verified.getAttempts()).isEqualTo(1);
        assertNoValueIn(record, password);
    }

    @Test
    void aWrongStagedPasswordFailsWithAuthFailedAfterTheConfiguredAttempts() throws Exception {
        String role = uniqueName("verifier_it_wrong");
        String actualPassword = newPassword();
        String stagedPassword = newPassword();
        createRole(role, actualPassword);
        SecretUpdated event = registeredAndStaged(role, pg().database(), stagedPassword);

        rotator.publish(event);

        ConsumerRecord<String, byte[]> record = rotator.awaitRecord(Topics.VERIFICATION_FAILED, event.getSecretId());
        VerificationFailed failed = deserialize(Topics.VERIFICATION_FAILED, record.value(), VerificationFailed.class);
        assertThat(failed.getEventId()).isEqualTo(EventIds.of(event.getRotationId(), VerificationFailed.class));
        assertThat(failed.getCategory()).isEqualTo(VerificationFailureCategory.AUTH_FAILED);
        assertThat(failed.getAttempts()).isEqualTo(attempts);
        assertThat(failed.getDetail()).contains("SQLState 28P01").contains(role);
        assertNoValueIn(record, stagedPassword);
        assertNoValueIn(record, actualPassword);
    }

    @Test
    void aRoleThatMayNotConnectFailsWithPermissionAtOnce() throws Exception {
        String role = uniqueName("verifier_it_noconnect");
        String password = newPassword();
        String database = uniqueName("verifier_it_locked");
        createRole(role, password);
        // A database of its own: revoking CONNECT from PUBLIC on the shared one would lock other tests out.
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + statement.enquoteIdentifier(database, true));
            CREATED_DATABASES.add(database);
            statement.execute("REVOKE CONNECT ON DATABASE " + statement.enquoteIdentifier(database, true) + " FROM PUBLIC");
        }
        SecretUpdated event = registeredAndStaged(role, database, password);

        rotator.publish(event);

        ConsumerRecord<String, byte[]> record = rotator.awaitRecord(Topics.VERIFICATION_FAILED, event.getSecretId());
        VerificationFailed failed = deserialize(Topics.VERIFICATION_FAILED, record.value(), VerificationFailed.class);
        assertThat(failed.getCategory()).isEqualTo(VerificationFailureCategory.PERMISSION);
        assertThat(failed.getAttempts()).as("a permission problem is not retried").isEqualTo(1);
        assertThat(failed.getDetail()).contains("SQLState 42501").contains("permission denied for database");
        assertNoValueIn(record, password);
    }

    @Test
    void aMalformedRecordGoesToTheDeadLetterTopicAndTheNextEventIsStillVerified() throws Exception {
        String malformedKey = "malformed/" + UUID.randomUUID();
        rotator.publishRaw(Topics.SECRET_UPDATED, malformedKey, "not avro".getBytes(StandardCharsets.UTF_8));
        String role = uniqueName("verifier_it_after_dlq");
        String password = newPassword();
        createRole(role, password);
        SecretUpdated next = registeredAndStaged(role, pg().database(), password);
        rotator.publish(next);

        ConsumerRecord<String, byte[]> dead = rotator.awaitRecord(Topics.deadLetter(Topics.SECRET_UPDATED), malformedKey);
        assertThat(header(dead, "dead-letter-reason")).isNotBlank();
        assertThat(header(dead, "deserialization-failure-reason")).isNotBlank();
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.SECRET_UPDATED);
        ConsumerRecord<String, byte[]> record = rotator.awaitRecord(Topics.VERIFICATION_SUCCEEDED, next.getSecretId());
        assertThat(deserialize(Topics.VERIFICATION_SUCCEEDED, record.value(), VerificationSucceeded.class).getRotationId())
                .isEqualTo(next.getRotationId());
    }

    /** A registered secret whose new credential is staged: the SecretUpdated the rotator would publish for it. */
    private SecretUpdated registeredAndStaged(String role, String database, String stagedPassword) throws Exception {
        String secretId = "db/" + role;
        TargetRef target = TargetRef.newBuilder().setType("postgresql").setHost(pg().host()).setPort(pg().port()).setDatabase(database)
                .setRole(role).setAdminPath(null).build();
        rotator.register(secretId, target);
        return RotatorStandIn.secretUpdated(secretId, target, rotator.stage(secretId, role, stagedPassword));
    }

    // I1: the staged password appears nowhere in what the verifier emits, neither value nor headers.
    private static void assertNoValueIn(ConsumerRecord<String, byte[]> record, String password) {
        byte[] secret = password.getBytes(StandardCharsets.UTF_8);
        assertThat(indexOf(record.value(), secret)).as("password bytes in the event value").isEqualTo(-1);
        for (Header header : record.headers()) {
            assertThat(indexOf(header.value(), secret)).as("password bytes in header %s", header.key()).isEqualTo(-1);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; haystack != null && i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static void createRole(String role, String password) throws SQLException {
        try (Connection admin = adminConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE ROLE " + statement.enquoteIdentifier(role, true) + " LOGIN PASSWORD "
                    + statement.enquoteLiteral(password));
            CREATED_ROLES.add(role);
        }
    }

    private static Connection adminConnection() throws SQLException {
        return DriverManager.getConnection(pg().jdbcUrl(), pg().user(), pg().password());
    }

    // The server RotorStackResource gave the application; static, for the clean-up after all tests.
    private static PostgresSettings pg() {
        Config config = ConfigProvider.getConfig();
        return new PostgresSettings(
                config.getValue("rotor.test.pg.host", String.class),
                config.getValue("rotor.test.pg.port", Integer.class),
                config.getValue("rotor.test.pg.user", String.class),
                config.getValue("rotor.test.pg.password", String.class),
                config.getValue("rotor.test.pg.database", String.class));
    }

    private static String uniqueName(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String newPassword() {
        return "pw-" + UUID.randomUUID();
    }
}
