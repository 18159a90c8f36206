package dev.rotor.verifier.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class RetryScheduleTest {

    @Test
    void theDefaultScheduleDoublesFrom200MsAndCapsAtTwoSeconds() {
        RetrySchedule schedule = new RetrySchedule(5, Duration.ofMillis(200), Duration.ofSeconds(2));

        assertThat(IntStream.rangeClosed(1, 6).mapToObj(schedule::backoffAfter))
                .containsExactly(Duration.ofMillis(200), Duration.ofMillis(400), Duration.ofMillis(800), Duration.ofMillis(1600),
                        Duration.ofSeconds(2), Duration.ofSeconds(2));
    }

    @Test
    void aLargeAttemptNumberStaysAtTheCap() {
        RetrySchedule schedule = new RetrySchedule(100, Duration.ofMillis(200), Duration.ofSeconds(2));

        assertThat(schedule.backoffAfter(99)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void aZeroInitialBackoffRetriesImmediately() {
        RetrySchedule schedule = new RetrySchedule(3, Duration.ZERO, Duration.ZERO);

        assertThat(schedule.backoffAfter(2)).isZero();
    }

    @Test
    void nonsensicalSettingsAreRejectedWithTheKeyToFix() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RetrySchedule(0, Duration.ofMillis(200), Duration.ofSeconds(2)))
                .withMessageContaining("rotor.verifier.retry.attempts");
        assertThatIllegalArgumentException().isThrownBy(() -> new RetrySchedule(5, Duration.ofSeconds(3), Duration.ofSeconds(2)))
                .withMessageContaining("max-backoff");
    }
}
