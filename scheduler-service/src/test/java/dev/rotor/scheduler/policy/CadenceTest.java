package dev.rotor.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class CadenceTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void aDurationIsDueThatLongAfterTheLastSuccess() {
        Cadence cadence = Cadence.parse("P30D", ZoneOffset.UTC);

        assertThat(cadence).isInstanceOf(Cadence.Every.class);
        assertThat(cadence.nextDue(Instant.parse("2026-01-01T10:00:00Z"))).isEqualTo(Instant.parse("2026-01-31T10:00:00Z"));
        assertThat(cadence.maxAge()).isEqualTo(Duration.ofDays(30));
        assertThat(Cadence.parse("PT12H", ZoneOffset.UTC).maxAge()).isEqualTo(Duration.ofHours(12));
    }

    @Test
    void aCronIsDueAtItsNextFiringInItsZone() {
        Cadence cadence = Cadence.parse("0 3 * * SUN", BERLIN);

        // Thursday 2026-01-01 in Berlin (UTC+1): the next Sunday 03:00 local is 02:00 UTC on the 4th.
        assertThat(cadence.nextDue(Instant.parse("2026-01-01T10:00:00Z"))).isEqualTo(Instant.parse("2026-01-04T02:00:00Z"));
        // Exactly at a firing: the next one, a week later.
        assertThat(cadence.nextDue(Instant.parse("2026-01-04T02:00:00Z"))).isEqualTo(Instant.parse("2026-01-11T02:00:00Z"));
    }

    @Test
    void aCronFollowsTheWallClockAcrossDaylightSaving() {
        Cadence cadence = Cadence.parse("0 3 * * *", BERLIN);

        // Berlin moves to summer time (UTC+2) on 2026-03-29 at 02:00.
        assertThat(cadence.nextDue(Instant.parse("2026-03-28T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-29T01:00:00Z"));
        assertThat(cadence.nextDue(Instant.parse("2026-03-27T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-28T02:00:00Z"));
    }

    @Test
    void aCronsMaxAgeIsItsLongestGapOverAYear() {
        assertThat(Cadence.parse("0 3 * * SUN", ZoneOffset.UTC).maxAge()).isEqualTo(Duration.ofDays(7));
        assertThat(Cadence.parse("0 3 * * MON,FRI", ZoneOffset.UTC).maxAge()).isEqualTo(Duration.ofDays(4));
        // The 31st: from 31 Aug to 31 Oct, two months apart.
        assertThat(Cadence.parse("0 0 31 * *", ZoneOffset.UTC).maxAge()).isEqualTo(Duration.ofDays(61));
        // Daily at 03:00 in Berlin: the autumn change makes one day 25 hours long.
        assertThat(Cadence.parse("0 3 * * *", BERLIN).maxAge()).isEqualTo(Duration.ofHours(25));
        assertThat(Cadence.parse("0 0 1 1 *", ZoneOffset.UTC).maxAge()).isEqualTo(Duration.ofDays(365));
    }

    @Test
    void badTextSaysWhatAValidOneLooksLike() {
        assertThatThrownBy(() -> Cadence.parse("P1M", ZoneOffset.UTC)).hasMessageContaining("P30D").hasMessageContaining("P1M");
        assertThatThrownBy(() -> Cadence.parse("PT0S", ZoneOffset.UTC)).hasMessageContaining("positive");
        assertThatThrownBy(() -> Cadence.parse("0 3 * *", ZoneOffset.UTC)).hasMessageContaining("five-field cron");
        assertThatThrownBy(() -> Cadence.parse("0 61 * * *", ZoneOffset.UTC)).hasMessageContaining("five-field cron");
        assertThatThrownBy(() -> Cadence.parse("0 0 30 2 *", ZoneOffset.UTC)).hasMessageContaining("never fires");
        assertThatThrownBy(() -> Cadence.parse(" ", ZoneOffset.UTC)).hasMessageContaining("required");
    }
}
