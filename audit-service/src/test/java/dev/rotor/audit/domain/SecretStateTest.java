package dev.rotor.audit.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class SecretStateTest {

    private static final String SECRET = "db/orders-app";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    @Test
    void aSecondRequestRejectedAsInProgressLeavesTheFirstRotationInFlight() {
        SecretState state = SecretState.unknown()
                .apply(event("r1", EventType.ROTATION_REQUESTED, T0))
                .apply(event("r2", EventType.ROTATION_REQUESTED, T0.plusSeconds(1)))
                .apply(event("r2", EventType.ROTATION_FAILED, T0.plusSeconds(2)));

        assertThat(state.lastRotationId()).isEqualTo("r2");
        assertThat(state.lastOutcome()).isEqualTo(RotationState.FAILED);
        assertThat(state.inFlightRotationId()).contains("r1");
    }

    @Test
    void aLateTerminalOfAnOlderRotationDoesNotHideTheNewerOne() {
        SecretState state = SecretState.unknown()
                .apply(event("r1", EventType.ROTATION_REQUESTED, T0))
                .apply(event("r2", EventType.ROTATION_REQUESTED, T0.plusSeconds(60)))
                .apply(event("r1", EventType.ROTATION_COMPLETED, T0.plusSeconds(30)));

        assertThat(state.lastRotationId()).isEqualTo("r2");
        assertThat(state.lastOutcome()).isEqualTo(RotationState.IN_FLIGHT);
        assertThat(state.inFlightRotationId()).contains("r2");
        assertThat(state.lastSuccessAt()).isEqualTo(T0.plusSeconds(30));
    }

    @Test
    void aLateStepOfAnEndedRotationDoesNotReopenIt() {
        SecretState state = SecretState.unknown()
                .apply(event("r1", EventType.ROTATION_ROLLED_BACK, T0.plusSeconds(4)))
                .apply(event("r1", EventType.VERIFICATION_FAILED, T0.plusSeconds(2)))
                .apply(event("r1", EventType.ROTATION_REQUESTED, T0));

        assertThat(state.lastOutcome()).isEqualTo(RotationState.ROLLED_BACK);
        assertThat(state.inFlightRotationId()).isEmpty();
        assertThat(state.updatedAt()).isEqualTo(T0.plusSeconds(4));
    }

    private static LifecycleEvent event(String rotationId, EventType type, Instant at) {
        return LifecycleEvent.builder(type, rotationId + "/" + type, rotationId, SECRET, at).build();
    }
}
