package dev.rotor.verifier.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.rotor.target.Credential;
import dev.rotor.target.LoginResult;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetKinds;
import dev.rotor.target.TargetSpec;
import dev.rotor.verifier.DevVaultResource;
import dev.rotor.verifier.InMemoryChannels;
import dev.rotor.verifier.domain.StagingRef;
import dev.rotor.verifier.domain.VerificationOutcome;
import dev.rotor.verifier.domain.VerificationOutcome.NotVerified;
import dev.rotor.verifier.domain.VerificationOutcome.Verified;
import dev.rotor.verifier.domain.VerificationRequest;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The retry decisions of one verification with a scripted target, through the real SmallRye Fault
 * Tolerance policy (which needs the container) and the test profile's short budgets.
 */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(DevVaultResource.class)
class VerifierTest {

    @Inject
    LoginRetry retry;

    @ConfigProperty(name = "rotor.verifier.retry.attempts")
    int attempts;

    @ConfigProperty(name = "rotor.verifier.unreachable-budget")
    Duration unreachableBudget;
    private static final Credential CREDENTIAL = new Credential("orders_app", "staged-password");

    @Test
    void anAcceptedFirstLoginIsVerifiedAfterOneAttempt() {
        ScriptedProbe probe = new ScriptedProbe(LoginResult.accepted());

        VerificationOutcome outcome = verifier(probe).verify(request("scripted"), CREDENTIAL);

        assertThat(outcome).isInstanceOfSatisfying(Verified.class, verified -> {
            assertThat(verified.attempts()).isEqualTo(1);
            assertThat(verified.probe()).isEqualTo(ScriptedProbe.DESCRIPTION);
        });
    }

    @Test
    void authFailuresAreRetriedBecauseTheNewPasswordMayNotHaveReachedTheTargetYet() {
        ScriptedProbe probe = new ScriptedProbe(rejected(LoginResult.Status.AUTH_FAILED), rejected(LoginResult.Status.AUTH_FAILED),
                LoginResult.accepted());

        VerificationOutcome outcome = verifier(probe).verify(request("scripted"), CREDENTIAL);

        assertThat(outcome).isInstanceOf(Verified.class);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(probe.logins).isEqualTo(3);
    }

    @Test
    void aRefusalThatPersistsFailsAsAuthFailedAfterTheConfiguredLogins() {
        ScriptedProbe probe = new ScriptedProbe(rejected(LoginResult.Status.AUTH_FAILED));

        VerificationOutcome outcome = verifier(probe).verify(request("scripted"), CREDENTIAL);

        assertThat(outcome).isInstanceOfSatisfying(NotVerified.class, failed -> {
            assertThat(failed.category()).isEqualTo(LoginResult.Status.AUTH_FAILED);
            assertThat(failed.attempts()).isEqualTo(attempts);
            assertThat(failed.detail()).isEqualTo("scripted AUTH_FAILED");
            assertThat(failed.probe()).isEqualTo(ScriptedProbe.DESCRIPTION);
        });
        assertThat(probe.logins).isEqualTo(attempts);
    }

    @ParameterizedTest
    @EnumSource(value = LoginResult.Status.class, names = { "UNREACHABLE", "TIMEOUT" })
    void aTargetThatDoesNotAnswerIsRetriedForTheBudgetThenFailsSayingSoAndThatItWillBeRolledBack(LoginResult.Status category) {
        ScriptedProbe probe = new ScriptedProbe(rejected(category));

        VerificationOutcome outcome = verifier(probe).verify(request("scripted"), CREDENTIAL);

        assertThat(outcome).isInstanceOfSatisfying(NotVerified.class, failed -> {
            assertThat(failed.category()).isEqualTo(category);
            assertThat(failed.attempts()).as("retried past the refusal limit, for the budget").isGreaterThan(attempts);
            assertThat(failed.durationMs()).isGreaterThanOrEqualTo(unreachableBudget.toMillis() / 2);
            assertThat(failed.detail())
                    .contains("scripted 127.0.0.1:5432/orders account 'orders_app' did not answer for")
                    .contains("rotor.verifier.unreachable-budget")
                    .contains("will be rolled back")
                    .contains("scripted " + category)
                    .doesNotContain(CREDENTIAL.password());
        });
        assertThat(probe.logins).isEqualTo(((NotVerified) outcome).attempts());
    }

    @Test
    void aTargetThatComesBackWithinTheBudgetIsVerified() {
        ScriptedProbe probe = new ScriptedProbe(rejected(LoginResult.Status.UNREACHABLE), rejected(LoginResult.Status.UNREACHABLE),
                rejected(LoginResult.Status.UNREACHABLE), rejected(LoginResult.Status.TIMEOUT), LoginResult.accepted());

        VerificationOutcome outcome = verifier(probe).verify(request("scripted"), CREDENTIAL);

        assertThat(outcome).isInstanceOf(Verified.class);
        assertThat(outcome.attempts()).isEqualTo(5);
    }

    @ParameterizedTest
    @EnumSource(value = LoginResult.Status.class, names = { "PERMISSION", "OTHER" })
    void aPermanentFailureIsNotRetried(LoginResult.Status category) {
        ScriptedProbe probe = new ScriptedProbe(rejected(category), LoginResult.accepted());

        VerificationOutcome outcome = verifier(probe).verify(request("scripted"), CREDENTIAL);

        assertThat(outcome).isInstanceOfSatisfying(NotVerified.class, failed -> {
            assertThat(failed.category()).isEqualTo(category);
            assertThat(failed.attempts()).isEqualTo(1);
        });
        assertThat(probe.logins).isEqualTo(1);
    }

    @Test
    void anUnknownTargetTypeFailsAsOtherWithoutALoginAndSaysWhichTypesExist() {
        ScriptedProbe probe = new ScriptedProbe(LoginResult.accepted());

        VerificationOutcome outcome = verifier(probe).verify(request("mongodb"), CREDENTIAL);

        assertThat(outcome).isInstanceOfSatisfying(NotVerified.class, failed -> {
            assertThat(failed.category()).isEqualTo(LoginResult.Status.OTHER);
            assertThat(failed.detail()).contains("'mongodb'").contains("[scripted]");
            assertThat(failed.attempts()).isZero();
        });
        assertThat(probe.logins).isZero();
    }

    private Verifier verifier(TargetKind probe) {
        return new Verifier(new TargetKinds(List.of(probe)), retry);
    }

    private static VerificationRequest request(String targetType) {
        return new VerificationRequest(UUID.randomUUID(), "rotation-1", "db/orders-app",
                new TargetSpec(targetType, "127.0.0.1", 5432, "orders_app", "admin", Map.of("database", "orders")), new StagingRef("secret", "staging/db/orders-app"));
    }

    private static LoginResult rejected(LoginResult.Status category) {
        return LoginResult.failed(category, "scripted " + category);
    }

    /** Answers with the given results in turn, repeating the last one. */
    private static final class ScriptedProbe implements TargetKind {

        static final String DESCRIPTION = "scripted login";

        private final Deque<LoginResult> results;
        int logins;

        ScriptedProbe(LoginResult... results) {
            this.results = new ArrayDeque<>(Arrays.asList(results));
        }

        @Override
        public String type() {
            return "scripted";
        }

        @Override
        public String loginCheck() {
            return DESCRIPTION;
        }

        @Override
        public LoginResult login(TargetSpec target, Credential credential) {
            logins++;
            return results.size() > 1 ? results.poll() : results.peek();
        }

        @Override
        public void setCredential(TargetSpec target, Credential admin, Credential next) {
            throw new UnsupportedOperationException("the verifier never changes a credential");
        }
    }
}
