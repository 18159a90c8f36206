package dev.rotor.rotator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.net.http.HttpClient;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import dev.rotor.rotator.catalog.SecretCatalog;
import dev.rotor.rotator.config.RotatorConfig;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.domain.Target;
import dev.rotor.rotator.mapping.EventFactory;
import dev.rotor.rotator.store.CredentialStore;
import dev.rotor.rotator.target.PostgresPasswordTarget;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationFailed;
import dev.rotor.schema.RotationFailureReason;
import dev.rotor.schema.RotationRolledBack;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.stack.PostgresSettings;
import dev.rotor.stack.testing.RotorStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2UpdateSecretOptions;
import io.quarkus.vault.client.http.jdk.JDKVaultHttpClient;

/**
 * The protocol's decisions against the real store (Vault dev server) and a real PostgreSQL: every
 * step repeated — as a redelivery after a crash repeats it — leaves one staging entry, one
 * promotion and one terminal eventId. Kafka is replaced by a recording publisher.
 */
class RotationProtocolIT {

    private final EventPublisher publisher = mock(EventPublisher.class);
    private final SecretCatalog catalog = mock(SecretCatalog.class);
    private VaultSecretsKV2 kv;
    private RotationService rotations;
    private ManagedSecret secret;
    private String initialPassword;

    @BeforeEach
    void setUp() throws SQLException {
        VaultClient vault = VaultClient.builder()
                .baseUrl(RotorStack.vault().address())
                .executor(new JDKVaultHttpClient(HttpClient.newHttpClient()))
                .clientToken(RotorStack.vault().rootToken())
                .build();
        kv = vault.secrets().kv2("secret");
        RotatorConfig config = new TestConfig();
        CredentialStore store = new CredentialStore(vault, config);
        rotations = new RotationService(catalog, store, new Targets(List.of(new PostgresPasswordTarget(5))),
                new PasswordGenerator(32, config.password().alphabet()), new EventFactory(Clock.systemUTC()), publisher,
                new SecretLocks(), new Failpoint(config), new RotationMetrics(new SimpleMeterRegistry()));

        PostgresSettings pg = RotorStack.postgres().settings();
        String role = "protocol_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        initialPassword = "initial-" + UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password()); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD " + st.enquoteLiteral(initialPassword));
        }
        secret = new ManagedSecret("db/" + role, "secret", "db/" + role, new Target("postgresql", pg.host(), pg.port(), pg.database(), role, "admin/pg"));
        write(secret.path(), Map.of("username", role, "password", initialPassword));
        write("admin/pg", Map.of("username", pg.user(), "password", pg.password()));
        when(catalog.find(secret.secretId())).thenReturn(Optional.of(secret));
    }

    @Test
    void aRepeatedRequestStagesOnceAndAnnouncesWithTheSameEventId() {
        rotations.requested(secret.secretId(), "r-1");
        rotations.requested(secret.secretId(), "r-1");

        ArgumentCaptor<SecretUpdated> updated = ArgumentCaptor.forClass(SecretUpdated.class);
        verify(publisher, times(2)).publish(updated.capture());
        assertThat(updated.getAllValues()).extracting(SecretUpdated::getEventId).containsOnly(updated.getValue().getEventId());
        assertThat(stagedVersions()).as("one staging entry, written once").isEqualTo(1);
        assertThat(logsIn(stagedPassword())).isTrue();
    }

    @Test
    void aSecondRotationWhileOneIsInFlightEndsInProgress() {
        rotations.requested(secret.secretId(), "r-1");
        rotations.requested(secret.secretId(), "r-2");

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getRotationId()).isEqualTo("r-2");
        assertThat(failed.getValue().getReason()).isEqualTo(RotationFailureReason.IN_PROGRESS);
        assertThat(failed.getValue().getDetail()).contains("r-1");
    }

    @Test
    void aRepeatedVerificationPromotesOnceAndCompletesWithTheSameEventId() {
        rotations.requested(secret.secretId(), "r-1");
        String staged = stagedPassword();
        rotations.verified(secret.secretId(), "r-1");
        rotations.verified(secret.secretId(), "r-1");

        ArgumentCaptor<RotationCompleted> completed = ArgumentCaptor.forClass(RotationCompleted.class);
        verify(publisher, times(2)).publish(completed.capture());
        assertThat(completed.getAllValues()).extracting(RotationCompleted::getEventId).containsOnly(completed.getValue().getEventId());
        assertThat(completed.getValue().getNewStoreVersion()).isEqualTo(2);
        assertThat(kv.readSecret(secret.path()).toCompletableFuture().join().getMetadata().getVersion()).isEqualTo(2);
        assertThat(kv.readSecret(secret.path()).toCompletableFuture().join().getData()).containsEntry("password", staged);
        assertThat(logsIn(staged)).isTrue();
        assertThat(logsIn(initialPassword)).isFalse();

        rotations.requested(secret.secretId(), "r-1");
        verify(publisher, never()).publish(any(RotationFailed.class));
        assertThat(stagingExists()).as("a redelivered request of a finished rotation starts nothing").isFalse();
    }

    @Test
    void aRollbackRestoresThePreviousPasswordAndARepeatedRollbackOnlyRepeatsItsEvent() {
        rotations.requested(secret.secretId(), "r-1");
        rotations.rollback(secret.secretId(), "r-1", "verification failed: AUTH_FAILED");
        rotations.rollback(secret.secretId(), "r-1", "verification failed: AUTH_FAILED");
        rotations.requested(secret.secretId(), "r-1");

        ArgumentCaptor<RotationRolledBack> rolledBack = ArgumentCaptor.forClass(RotationRolledBack.class);
        verify(publisher, times(2)).publish(rolledBack.capture());
        assertThat(rolledBack.getAllValues()).extracting(RotationRolledBack::getEventId).containsOnly(rolledBack.getValue().getEventId());
        assertThat(rolledBack.getValue().getStoreVersion()).isEqualTo(1);
        assertThat(logsIn(initialPassword)).isTrue();
        assertThat(stagingExists()).isFalse();
        verify(publisher, atLeastOnce()).publish(any(SecretUpdated.class));
    }

    @Test
    void aStoredPasswordThatNoLongerLogsInIsReportedAsDriftAndNothingChanges() {
        write(secret.path(), Map.of("username", secret.target().role(), "password", "changed-outside-rotor"));

        rotations.requested(secret.secretId(), "r-1");

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getReason()).isEqualTo(RotationFailureReason.DRIFT);
        assertThat(failed.getValue().getDetail()).doesNotContain("changed-outside-rotor");
        assertThat(stagingExists()).isFalse();
        assertThat(logsIn(initialPassword)).isTrue();
    }

    @Test
    void anUnregisteredSecretEndsNotFound() {
        rotations.requested("db/unknown", "r-9");

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getReason()).isEqualTo(RotationFailureReason.NOT_FOUND);
        assertThat(failed.getValue().getDetail()).contains("POST /api/secrets");
    }

    private String stagedPassword() {
        return String.valueOf(kv.readSecret("rotor-staging/" + secret.path()).toCompletableFuture().join().getData().get("password"));
    }

    private int stagedVersions() {
        return kv.readSecretMetadata("rotor-staging/" + secret.path()).toCompletableFuture().join().getCurrentVersion();
    }

    private boolean stagingExists() {
        return kv.listSecrets("rotor-staging/db").toCompletableFuture().join().contains(secret.target().role());
    }

    private boolean logsIn(String password) {
        PostgresSettings pg = RotorStack.postgres().settings();
        try (Connection ignored = DriverManager.getConnection(pg.jdbcUrl(), secret.target().role(), password)) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }

    private void write(String path, Map<String, Object> data) {
        kv.updateSecret(path, new VaultSecretsKV2UpdateSecretOptions(), data).toCompletableFuture().join();
    }

    /** The defaults, without a Quarkus runtime. */
    private static final class TestConfig implements RotatorConfig {

        @Override
        public Password password() {
            return new Password() {
                @Override
                public int length() {
                    return 32;
                }

                @Override
                public String alphabet() {
                    return "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
                }
            };
        }

        @Override
        public String stagingPrefix() {
            return "rotor-staging";
        }

        @Override
        public Duration targetTimeout() {
            return Duration.ofSeconds(5);
        }

        @Override
        public Optional<PausePoint> pauseAt() {
            return Optional.empty();
        }
    }
}
