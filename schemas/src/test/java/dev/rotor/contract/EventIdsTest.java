package dev.rotor.contract;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.SecretUpdated;

class EventIdsTest {

    @Test
    void aRepeatedStepGetsTheSameIdAndOtherStepsOrRotationsDoNot() {
        assertThat(EventIds.of("r-1", SecretUpdated.class)).isEqualTo(EventIds.of("r-1", SecretUpdated.class));
        assertThat(EventIds.of("r-1", SecretUpdated.class)).isNotEqualTo(EventIds.of("r-1", RotationCompleted.class));
        assertThat(EventIds.of("r-1", SecretUpdated.class)).isNotEqualTo(EventIds.of("r-2", SecretUpdated.class));
    }
}
