package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.rotor.e2e.Rotations.ManagedRole;

/**
 * A service SIGKILLed at each step of the protocol, then started again: every rotation still ends
 * with exactly one terminal event (I3), the store's value logs in (I2), and the store moved by
 * exactly one version, so no second rotation overlapped the first (I4).
 */
class CrashRecoveryIT extends EndToEndTest {

    @ParameterizedTest(name = "rotator killed {0}")
    @ValueSource(strings = {"AFTER_STAGE", "AFTER_SET", "BEFORE_PROMOTE"})
    void theRotatorKilledAtAStepResumesAfterRestart(String step) throws Exception {
        ServiceProcess rotator = services.get(RotorServices.ROTATOR);
        ManagedRole role = rotations.newRole("crash_" + step.toLowerCase());
        int versionBefore = role.storedVersion();

        rotator.stop();
        rotator.start(Map.of("ROTOR_ROTATOR_PAUSE_AT", step));
        String rotationId = rotations.request(role.secretId());
        awaitFailpoint(rotator, "rotor-failpoint: rotator paused at " + step + " rotation=" + rotationId);
        rotator.kill();
        rotator.start(Map.of());

        assertRecovered(role, rotationId, versionBefore);
    }

    @Test
    void theVerifierKilledMidVerificationVerifiesAfterRestart() throws Exception {
        ServiceProcess verifier = services.get(RotorServices.VERIFIER);
        ManagedRole role = rotations.newRole("crash_verifier");
        int versionBefore = role.storedVersion();

        verifier.stop();
        verifier.start(Map.of("ROTOR_VERIFIER_PAUSE_DURING_VERIFICATION", "true"));
        String rotationId = rotations.request(role.secretId());
        awaitFailpoint(verifier, "rotor-failpoint: verifier paused during verification rotation=" + rotationId);
        verifier.kill();
        verifier.start(Map.of());

        assertRecovered(role, rotationId, versionBefore);
    }

    private void assertRecovered(ManagedRole role, String rotationId, int versionBefore) throws Exception {
        assertThat(rotations.awaitTerminal(rotationId)).isEqualTo("RotationCompleted");
        assertThat(role.storedVersion()).as("one rotation, one new version").isEqualTo(versionBefore + 1);
        assertThat(Fixtures.logsIn(role.role(), role.storedPassword())).as("I2: the store's value authenticates").isTrue();
        assertThat(Fixtures.logsIn(role.role(), role.initialPassword())).isFalse();
    }

    private static void awaitFailpoint(ServiceProcess service, String line) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> service.logContains(line));
    }
}
