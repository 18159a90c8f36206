package dev.rotor.verifier.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.rotor.verifier.domain.FailureCategory;
import dev.rotor.verifier.domain.LoginResult;
import dev.rotor.verifier.domain.LoginTarget;
import dev.rotor.verifier.domain.StagedCredential;
import dev.rotor.verifier.domain.StagingRef;
import dev.rotor.verifier.domain.VerificationOutcome;
import dev.rotor.verifier.domain.VerificationOutcome.NotVerified;
import dev.rotor.verifier.domain.VerificationOutcome.Verified;
import dev.rotor.verifier.domain.VerificationRequest;
import dev.rotor.verifier.target.LoginProbe;
import dev.rotor.verifier.target.LoginProbes;

class VerifierTest {

    private static final int ATTEMPTS = 4;
    private static final StagedCredential CREDENTIAL = new StagedCredential("orders_app", "staged-password");

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
        ScriptedProbe probe = new ScriptedProbe(rejected(FailureCategory.AUTH_FAILED), rejected(FailureCategory.AUTH_FAILED),
                LoginResult.accepted());

        VerificationOutcome outcome = verifier(probe).verify(request("scripted"), CREDENTIAL);

        assertThat(outcome).isInstanceOf(Verified.class);
        assertThat(outcome.attempts()).isEqualTo(3);
        assertThat(probe.logins).isEqualTo(3);
    }

    @ParameterizedTest
    @EnumSource(value = FailureCategory.class, names = { "AUTH_FAILED", "UNREACHABLE", "TIMEOUT" })
    void aTransientFailureThatPersistsFailsAfterAllAttempts(FailureCategory category) {
        ScriptedProbe probe = new ScriptedProbe(rejected(category));

        VerificationOutcome outcome = verifier(probe).verify(request("scripted"), CREDENTIAL);

        assertThat(outcome).isInstanceOfSatisfying(NotVerified.class, failed -> {
            assertThat(failed.category()).isEqualTo(category);
            assertThat(failed.attempts()).isEqualTo(ATTEMPTS);
            assertThat(failed.detail()).isEqualTo("scripted " + category);
            assertThat(failed.probe()).isEqualTo(ScriptedProbe.DESCRIPTION);
        });
        assertThat(probe.logins).isEqualTo(ATTEMPTS);
    }

    @ParameterizedTest
    @EnumSource(value = FailureCategory.class, names = { "PERMISSION", "OTHER" })
    void aPermanentFailureIsNotRetried(FailureCategory category) {
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
            assertThat(failed.category()).isEqualTo(FailureCategory.OTHER);
            assertThat(failed.detail()).contains("'mongodb'").contains("[scripted]");
            assertThat(failed.attempts()).isZero();
        });
        assertThat(probe.logins).isZero();
    }

    private static Verifier verifier(LoginProbe probe) {
        return new Verifier(new LoginProbes(List.of(probe)), new RetrySchedule(ATTEMPTS, Duration.ofMillis(1), Duration.ofMillis(2)));
    }

    private static VerificationRequest request(String targetType) {
        return new VerificationRequest(UUID.randomUUID(), "rotation-1", "db/orders-app",
                new LoginTarget(targetType, "127.0.0.1", 5432, "orders", "orders_app"), new StagingRef("secret", "staging/db/orders-app"));
    }

    private static LoginResult rejected(FailureCategory category) {
        return LoginResult.rejected(category, "scripted " + category);
    }

    /** Answers with the given results in turn, repeating the last one. */
    private static final class ScriptedProbe implements LoginProbe {

        static final String DESCRIPTION = "scripted login";

        private final Deque<LoginResult> results;
        int logins;

        ScriptedProbe(LoginResult... results) {
            this.results = new ArrayDeque<>(Arrays.asList(results));
        }

        @Override
        public String targetType() {
            return "scripted";
        }

        @Override
        public String description() {
            return DESCRIPTION;
        }

        @Override
        public LoginResult login(LoginTarget target, StagedCredential credential) {
            logins++;
            return results.size() > 1 ? results.poll() : results.peek();
        }
    }
}
