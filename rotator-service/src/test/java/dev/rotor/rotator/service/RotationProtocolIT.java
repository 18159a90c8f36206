package dev.rotor.rotator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.when;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

import dev.rotor.rotator.catalog.SecretCatalog;
import dev.rotor.rotator.config.RotatorConfig;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.fault.TargetUnreachable;
import dev.rotor.rotator.lease.SecretBusy;
import dev.rotor.rotator.lease.SecretLeases;
import dev.rotor.rotator.mapping.EventFactory;
import dev.rotor.rotator.store.CredentialStore;
import dev.rotor.rotator.store.Kv;
import dev.rotor.rotator.store.StoreUnavailable;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationFailed;
import dev.rotor.schema.RotationFailureReason;
import dev.rotor.schema.RotationRolledBack;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.stack.PostgresSettings;
import dev.rotor.stack.testing.MovableClock;
import dev.rotor.stack.testing.Ports;
import dev.rotor.stack.testing.RotorStack;
import dev.rotor.target.Strategy;
import dev.rotor.target.TargetKinds;
import dev.rotor.target.TargetRefused;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.TargetUnavailable;
import dev.rotor.target.Timeouts;
import dev.rotor.target.postgresql.PostgresKind;
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
    private final MovableClock clock = new MovableClock(Instant.now());
    /** The real PostgreSQL target, with failures of the password change injected where a test asks for them. */
    private final FlakyTarget target = new FlakyTarget(new PostgresKind(Timeouts.of(Duration.ofSeconds(5))));
    private final UnsettledRotations unsettled = new UnsettledRotations();
    private VaultClient vault;
    private VaultSecretsKV2 kv;
    private RotationService rotations;
    private ManagedSecret secret;
    private String initialPassword;

    @BeforeEach
    void setUp() throws SQLException {
        vault = VaultClient.builder()
                .baseUrl(RotorStack.vault().address())
                .executor(new JDKVaultHttpClient(HttpClient.newHttpClient()))
                .clientToken(RotorStack.vault().rootToken())
                .build();
        kv = vault.secrets().kv2("secret");
        rotations = rotationService("rotator-a", target);

        PostgresSettings pg = RotorStack.postgres().settings();
        String role = "protocol_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        initialPassword = "initial-" + UUID.randomUUID();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password()); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD " + st.enquoteLiteral(initialPassword));
        }
        secret = new ManagedSecret("db/" + role, "secret", "db/" + role, new TargetSpec("postgresql", pg.host(), pg.port(), role,
                "admin/pg", Map.of("database", pg.database())), Strategy.SINGLE_USER);
        write(secret.path(), Map.of("username", role, "password", initialPassword));
        write("admin/pg", Map.of("username", pg.user(), "password", pg.password()));
        when(catalog.find(secret.secretId())).thenReturn(Optional.of(secret));
    }

    @Test
    void aRepeatedRequestStagesOnceAndAnnouncesWithTheSameEventId() {
        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());
        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());

        ArgumentCaptor<SecretUpdated> updated = ArgumentCaptor.forClass(SecretUpdated.class);
        verify(publisher, times(2)).publish(updated.capture());
        assertThat(updated.getAllValues()).extracting(SecretUpdated::getEventId).containsOnly(updated.getValue().getEventId());
        assertThat(stagedVersions()).as("one staging entry, written once and marked SETTING once").isEqualTo(2);
        assertThat(logsIn(stagedPassword())).isTrue();
    }

    @Test
    void aRequestGivenUpWhileTheStoreCannotSayWhatItDidFailsOnceTheStoreAnswersAndOnlyOnce() {
        DeadlineReaper reaper = new DeadlineReaper(catalog, new CredentialStore(new Kv(vault), new TestConfig()), rotations, unsettled);
        RotorStack.vault().seal();
        try {
            rotations.requestAbandoned(secret.secretId(), "r-unsettled", new StoreUnavailable("Vault sealed for the whole budget", null));
            reaper.reap();
            verifyNoInteractions(publisher);
        } finally {
            RotorStack.vault().unseal();
        }

        reaper.reap();
        reaper.reap();

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getRotationId()).isEqualTo("r-unsettled");
        assertThat(failed.getValue().getReason()).isEqualTo(RotationFailureReason.STORE_UNAVAILABLE);
        assertThat(failed.getValue().getRetryable()).isTrue();
        assertThat(unsettled.snapshot()).isEmpty();
    }

    @Test
    void aRequestGivenUpAfterItStagedIsLeftToItsStagingEntryAndDeadline() {
        DeadlineReaper reaper = new DeadlineReaper(catalog, new CredentialStore(new Kv(vault), new TestConfig()), rotations, unsettled);
        target.failSetWithout(new TargetUnavailable("the target went away mid-change", null));
        assertThatThrownBy(() -> rotations.requested(secret.secretId(), "r-staged", deadline(), Optional.empty()))
                .isInstanceOf(TargetUnreachable.class);
        RotorStack.vault().seal();
        try {
            rotations.requestAbandoned(secret.secretId(), "r-staged", new StoreUnavailable("Vault sealed for the whole budget", null));
        } finally {
            RotorStack.vault().unseal();
        }

        reaper.reap();

        verify(publisher, never()).publish(any(RotationFailed.class));
        assertThat(stagedPassword()).as("the staging entry stays for the deadline reaper").isNotNull();
        assertThat(unsettled.snapshot()).isEmpty();
    }

    @Test
    void aSecondRotationWhileOneIsInFlightEndsInProgress() {
        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());
        rotations.requested(secret.secretId(), "r-2", deadline(), Optional.empty());

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getRotationId()).isEqualTo("r-2");
        assertThat(failed.getValue().getReason()).isEqualTo(RotationFailureReason.IN_PROGRESS);
        assertThat(failed.getValue().getDetail()).contains("r-1");
    }

    @Test
    void aRepeatedVerificationPromotesOnceAndCompletesWithTheSameEventId() {
        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());
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

        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());
        verify(publisher, never()).publish(any(RotationFailed.class));
        verify(publisher, times(3)).publish(completed.capture());
        assertThat(completed.getAllValues()).extracting(RotationCompleted::getEventId).containsOnly(completed.getValue().getEventId());
        assertThat(stagingExists()).as("a redelivered request of a finished rotation starts nothing").isFalse();
    }

    @Test
    void aRollbackRestoresThePreviousPasswordAndARepeatedRollbackOnlyRepeatsItsEvent() {
        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());
        rotations.rollback(secret.secretId(), "r-1", "verification failed: AUTH_FAILED");
        rotations.rollback(secret.secretId(), "r-1", "verification failed: AUTH_FAILED");
        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());

        ArgumentCaptor<RotationRolledBack> rolledBack = ArgumentCaptor.forClass(RotationRolledBack.class);
        verify(publisher, times(3)).publish(rolledBack.capture());
        assertThat(rolledBack.getAllValues()).extracting(RotationRolledBack::getEventId).containsOnly(rolledBack.getValue().getEventId());
        assertThat(rolledBack.getValue().getStoreVersion()).isEqualTo(1);
        assertThat(logsIn(initialPassword)).isTrue();
        assertThat(stagingExists()).isFalse();
        verify(publisher, atLeastOnce()).publish(any(SecretUpdated.class));
    }

    @Test
    void aStoredPasswordThatNoLongerLogsInIsReportedAsDriftAndNothingChanges() {
        write(secret.path(), Map.of("username", secret.target().account(), "password", "changed-outside-rotor"));

        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getReason()).isEqualTo(RotationFailureReason.DRIFT);
        assertThat(failed.getValue().getDetail()).doesNotContain("changed-outside-rotor");
        assertThat(stagingExists()).isFalse();
        assertThat(logsIn(initialPassword)).isTrue();
    }

    /** The scheduler registers knowing only that the entry exists (its Vault policy reads no value): what it holds is checked here. */
    @Test
    void aStoreEntryHoldingAnotherAccountsCredentialEndsBeforeAnyLogin() {
        PostgresSettings pg = RotorStack.postgres().settings();
        write(secret.path(), Map.of("username", pg.user(), "password", pg.password()));

        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getDetail()).contains("another account than").doesNotContain(pg.password());
        assertThat(failed.getValue().getRetryable()).isFalse();
        assertThat(target.logins()).as("no login with a credential the registration does not name").isZero();
        assertThat(stagingExists()).isFalse();
    }

    @Test
    void aStoreEntryWithoutAPasswordKeyEndsWithNothingChanged() {
        write(secret.path(), Map.of("username", secret.target().account()));

        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getDetail()).contains("has no 'username' and 'password' keys");
        assertThat(target.logins()).isZero();
        assertThat(logsIn(initialPassword)).isTrue();
    }

    @Test
    void anUnregisteredSecretEndsNotFound() {
        rotations.requested("db/unknown", "r-9", deadline(), Optional.empty());

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getReason()).isEqualTo(RotationFailureReason.NOT_FOUND);
        assertThat(failed.getValue().getDetail()).contains("POST /api/secrets");
    }

    @Test
    void aPasswordChangeWhoseReplyWasLostIsRecognisedAsDoneAndAnnounced() {
        target.failSetAfterApplying();

        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());

        verify(publisher).publish(any(SecretUpdated.class));
        assertThat(logsIn(stagedPassword())).isTrue();
    }

    @Test
    void aPasswordChangeThatMayNotHaveLandedKeepsTheStagedCredentialAndIsRetried() {
        target.failSetWithout(new TargetUnavailable("connection reset", null));

        assertThatThrownBy(() -> rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty())).isInstanceOf(TargetUnreachable.class);
        assertThat(stagingExists()).as("the staged credential is kept while the change is in doubt").isTrue();
        verify(publisher, never()).publish(any(RotationFailed.class));

        target.heal();
        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());
        verify(publisher).publish(any(SecretUpdated.class));
        assertThat(logsIn(stagedPassword())).isTrue();
    }

    @Test
    void aPasswordChangeTheTargetRefusesEndsTheRotationWithNothingChanged() {
        target.failSetWithout(new TargetRefused("permission denied to alter role", null));

        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getDetail()).contains("permission denied", "nothing was changed");
        assertThat(stagingExists()).isFalse();
        assertThat(logsIn(initialPassword)).isTrue();
    }

    @Test
    void anUnreachableTargetAtPreCheckIsRetriedAndGivingUpEndsFailedWithNothingChanged() {
        ManagedSecret unreachable = new ManagedSecret(secret.secretId(), secret.mount(), secret.path(), new TargetSpec("postgresql",
                "127.0.0.1", Ports.free(), secret.target().account(), "admin/pg", Map.of("database", "rotor")), Strategy.SINGLE_USER);
        when(catalog.find(secret.secretId())).thenReturn(Optional.of(unreachable));

        Throwable failure = catchThrowable(() -> rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty()));
        assertThat(failure).isInstanceOf(TargetUnreachable.class);
        assertThat(stagingExists()).isFalse();

        rotations.requestAbandoned(secret.secretId(), "r-1", (RuntimeException) failure);
        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getReason()).isEqualTo(RotationFailureReason.TARGET_UNREACHABLE);
        assertThat(failed.getValue().getRetryable()).isTrue();
    }

    @Test
    void aRequestReadAfterItsDeadlineEndsWithoutChangingAnything() {
        rotations.requested(secret.secretId(), "r-1", clock.instant().minusSeconds(1), Optional.empty());

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getReason()).isEqualTo(RotationFailureReason.DEADLINE_EXCEEDED);
        assertThat(stagingExists()).isFalse();
    }

    @Test
    void aRotationPastItsDeadlineIsRolledBackByTheReaperAndOnlyOnce() {
        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());
        rotations.expire(secret, "r-1");
        assertThat(stagingExists()).as("not past its deadline yet").isTrue();

        clock.advance(Duration.ofMinutes(16));
        rotations.expire(secret, "r-1");
        rotations.expire(secret, "r-1");
        rotations.verified(secret.secretId(), "r-1");

        ArgumentCaptor<RotationRolledBack> rolledBack = ArgumentCaptor.forClass(RotationRolledBack.class);
        verify(publisher, atLeastOnce()).publish(rolledBack.capture());
        assertThat(rolledBack.getAllValues()).extracting(RotationRolledBack::getEventId).containsOnly(rolledBack.getValue().getEventId());
        assertThat(rolledBack.getValue().getCause()).contains("deadline");
        verify(publisher, never()).publish(any(RotationCompleted.class));
        assertThat(logsIn(initialPassword)).as("I2: the store's value authenticates").isTrue();
        assertThat(stagingExists()).isFalse();
    }

    @Test
    void aRotationPromotedBeforeACrashIsFinishedByTheReaperNotRolledBack() {
        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());
        String staged = stagedPassword();
        // The promote landed, then the rotator died before it dropped the staging entry.
        kv.updateSecret(secret.path(), new VaultSecretsKV2UpdateSecretOptions().setCas(1),
                Map.of("username", secret.target().account(), "password", staged, "rotor_rotation_id", "r-1")).toCompletableFuture().join();

        clock.advance(Duration.ofMinutes(16));
        rotations.expire(secret, "r-1");

        verify(publisher).publish(any(RotationCompleted.class));
        verify(publisher, never()).publish(any(RotationRolledBack.class));
        assertThat(logsIn(staged)).isTrue();
        assertThat(stagingExists()).isFalse();
    }

    @Test
    void aRotationOnlyStagedWhenItsDeadlinePassedEndsFailedWithTheTargetUntouched() {
        target.failSetWithout(new TargetUnavailable("connection reset", null));
        catchThrowable(() -> rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty()));
        // Crashed between staging and marking: rewrite the entry as merely staged.
        kv.deleteSecretMetadata("rotor-staging/" + secret.path()).toCompletableFuture().join();
        kv.updateSecret("rotor-staging/" + secret.path(), new VaultSecretsKV2UpdateSecretOptions().setCas(0), Map.of(
                "username", secret.target().account(), "password", "never-set-" + UUID.randomUUID(), "rotor_rotation_id", "r-1",
                "rotor_previous_version", "1", "rotor_deadline", String.valueOf(deadline().toEpochMilli()), "rotor_phase", "STAGED"))
                .toCompletableFuture().join();

        clock.advance(Duration.ofMinutes(16));
        rotations.expire(secret, "r-1");

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getReason()).isEqualTo(RotationFailureReason.DEADLINE_EXCEEDED);
        assertThat(logsIn(initialPassword)).isTrue();
        assertThat(stagingExists()).isFalse();
    }

    @Test
    void aLateRedeliveryOfAnEndedRotationLeavesTheNextRotationInFlightAlone() {
        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());
        rotations.verified(secret.secretId(), "r-1");
        rotations.requested(secret.secretId(), "r-2", deadline(), Optional.empty());

        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());
        rotations.verified(secret.secretId(), "r-1");

        assertThat(stagingExists()).as("r-2's staging entry survives r-1's redelivery").isTrue();
        rotations.verified(secret.secretId(), "r-2");
        assertThat(logsIn(String.valueOf(kv.readSecret(secret.path()).toCompletableFuture().join().getData().get("password")))).isTrue();
        assertThat(kv.readSecret(secret.path()).toCompletableFuture().join().getMetadata().getVersion()).isEqualTo(3);
    }

    @Test
    void aRevertMakesAnEarlierVersionCurrentAgainAsANewVerifiedVersion() {
        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());
        rotations.verified(secret.secretId(), "r-1");
        assertThat(logsIn(initialPassword)).isFalse();

        rotations.requested(secret.secretId(), "revert-1", deadline(), Optional.of(1));
        assertThat(stagedPassword()).isEqualTo(initialPassword);
        rotations.verified(secret.secretId(), "revert-1");

        assertThat(kv.readSecret(secret.path()).toCompletableFuture().join().getMetadata().getVersion()).isEqualTo(3);
        assertThat(kv.readSecret(secret.path()).toCompletableFuture().join().getData()).containsEntry("password", initialPassword);
        assertThat(logsIn(initialPassword)).as("version 1's credential works again").isTrue();
    }

    @Test
    void aRevertToAVersionTheStoreNoLongerHoldsEndsNotFoundWithNothingChanged() {
        rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty());
        rotations.verified(secret.secretId(), "r-1");
        kv.destroySecretVersions(secret.path(), List.of(1)).toCompletableFuture().join();

        rotations.requested(secret.secretId(), "revert-1", deadline(), Optional.of(1));

        ArgumentCaptor<RotationFailed> failed = ArgumentCaptor.forClass(RotationFailed.class);
        verify(publisher).publish(failed.capture());
        assertThat(failed.getValue().getReason()).isEqualTo(RotationFailureReason.NOT_FOUND);
        assertThat(failed.getValue().getDetail()).contains("version 1", "destroyed");
        assertThat(stagingExists()).isFalse();
    }

    @Test
    void aSecretsStepsAreSerialisedAcrossInstancesByItsLease() throws Exception {
        RotationService other = rotationService("rotator-b", target);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        target.onSet(() -> {
            inside.countDown();
            await(release);
        });
        Thread first = new Thread(() -> rotations.requested(secret.secretId(), "r-1", deadline(), Optional.empty()));
        first.start();
        assertThat(inside.await(30, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> other.rollback(secret.secretId(), "r-1", "operator")).isInstanceOf(SecretBusy.class)
                .hasMessageContaining("rotator-a");

        release.countDown();
        first.join(30_000);
        other.rollback(secret.secretId(), "r-1", "operator");
        verify(publisher).publish(any(RotationRolledBack.class));
        assertThat(logsIn(initialPassword)).isTrue();
    }

    @Test
    void aLeaseLeftByACrashedInstanceIsTakenBackByItsRestartAtOnceAndByOthersAfterItExpires() {
        Kv store = new Kv(vault);
        SecretLeases crashed = new SecretLeases(store, "rotor-leases", "rotator-a", Duration.ofSeconds(60), clock);
        // The crashed holder: its step never gave the lease back.
        assertThatThrownBy(() -> crashed.hold(secret, () -> {
            throw new IllegalStateException("SIGKILL");
        })).isInstanceOf(IllegalStateException.class);
        kv.updateSecret("rotor-leases/" + secret.path(), new VaultSecretsKV2UpdateSecretOptions(), Map.of("holder", "rotator-a",
                "expires_at", String.valueOf(clock.instant().plusSeconds(60).toEpochMilli()))).toCompletableFuture().join();

        SecretLeases another = new SecretLeases(store, "rotor-leases", "rotator-b", Duration.ofSeconds(60), clock);
        assertThatThrownBy(() -> another.hold(secret, () -> "b")).isInstanceOf(SecretBusy.class);
        assertThat(new SecretLeases(store, "rotor-leases", "rotator-a", Duration.ofSeconds(60), clock).hold(secret, () -> "a again"))
                .isEqualTo("a again");

        kv.updateSecret("rotor-leases/" + secret.path(), new VaultSecretsKV2UpdateSecretOptions(), Map.of("holder", "rotator-a",
                "expires_at", String.valueOf(clock.instant().plusSeconds(60).toEpochMilli()))).toCompletableFuture().join();
        clock.advance(Duration.ofSeconds(61));
        assertThat(another.hold(secret, () -> "b")).isEqualTo("b");
    }

    private RotationService rotationService(String instance, FlakyTarget target) {
        RotatorConfig config = new TestConfig();
        Kv store = new Kv(vault);
        return new RotationService(catalog, new CredentialStore(store, config), new Targets(new TargetKinds(List.of(target))),
                new PasswordGenerator(32, config.password().alphabet()), new EventFactory(clock), publisher,
                new SecretLeases(store, "rotor-leases", instance, Duration.ofSeconds(60), clock), new Failpoint(config),
                new RotationMetrics(new SimpleMeterRegistry()), unsettled, clock);
    }

    private Instant deadline() {
        return clock.instant().plus(Duration.ofMinutes(15));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String stagedPassword() {
        return String.valueOf(kv.readSecret("rotor-staging/" + secret.path()).toCompletableFuture().join().getData().get("password"));
    }

    private int stagedVersions() {
        return kv.readSecretMetadata("rotor-staging/" + secret.path()).toCompletableFuture().join().getCurrentVersion();
    }

    private boolean stagingExists() {
        return kv.listSecrets("rotor-staging/db").toCompletableFuture().join().contains(secret.target().account());
    }

    /** Only the server's refusal of the password (28P01) is a refusal; any other error fails the test. */
    private boolean logsIn(String password) {
        PostgresSettings pg = RotorStack.postgres().settings();
        try (Connection ignored = DriverManager.getConnection(pg.jdbcUrl(), secret.target().account(), password)) {
            return true;
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw new AssertionError("the login did not get an answer about the password: " + e.getSQLState(), e);
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
        public Optional<Path> failpointFile() {
            return Optional.empty();
        }

        @Override
        public String leasePrefix() {
            return "rotor-leases";
        }

        @Override
        public Duration leaseDuration() {
            return Duration.ofSeconds(60);
        }

        @Override
        public Optional<String> instance() {
            return Optional.empty();
        }

        @Override
        public Duration defaultDeadline() {
            return Duration.ofMinutes(15);
        }

        @Override
        public Duration reaperInterval() {
            return Duration.ofSeconds(30);
        }
    }
}
