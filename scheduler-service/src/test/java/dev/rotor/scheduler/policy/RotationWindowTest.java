package dev.rotor.scheduler.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Set;

import org.junit.jupiter.api.Test;

class RotationWindowTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aDaytimeWindowContainsItsHoursOnItsDays() {
        RotationWindow window = new RotationWindow(Set.of(DayOfWeek.TUESDAY), LocalTime.of(9, 0), LocalTime.of(17, 0), ZoneOffset.UTC);

        // 2026-01-06 is a Tuesday.
        assertThat(window.contains(Instant.parse("2026-01-06T09:00:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-01-06T16:59:59Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-01-06T17:00:00Z"))).as("the end is excluded").isFalse();
        assertThat(window.contains(Instant.parse("2026-01-07T10:00:00Z"))).as("Wednesday").isFalse();
        assertThat(window.nextOpening(Instant.parse("2026-01-06T17:00:00Z"))).isEqualTo(Instant.parse("2026-01-13T09:00:00Z"));
        assertThat(window.nextOpening(Instant.parse("2026-01-06T10:00:00Z"))).isEqualTo(Instant.parse("2026-01-06T10:00:00Z"));
    }

    @Test
    void aWindowAcrossMidnightBelongsToTheDayItOpens() {
        RotationWindow fridayNight = new RotationWindow(Set.of(DayOfWeek.FRIDAY), LocalTime.of(22, 0), LocalTime.of(4, 0),
                ZoneOffset.UTC);

        // Friday 2026-01-09 22:00 to Saturday 04:00.
        assertThat(fridayNight.contains(Instant.parse("2026-01-09T23:30:00Z"))).isTrue();
        assertThat(fridayNight.contains(Instant.parse("2026-01-10T03:59:00Z"))).as("Saturday morning, opened Friday").isTrue();
        assertThat(fridayNight.contains(Instant.parse("2026-01-10T04:00:00Z"))).isFalse();
        assertThat(fridayNight.contains(Instant.parse("2026-01-10T23:00:00Z"))).as("Saturday night: not a Friday").isFalse();
        assertThat(fridayNight.contains(Instant.parse("2026-01-09T02:00:00Z"))).as("Friday early morning: opened Thursday").isFalse();
        assertThat(fridayNight.nextOpening(Instant.parse("2026-01-10T05:00:00Z"))).isEqualTo(Instant.parse("2026-01-16T22:00:00Z"));
    }

    @Test
    void localHoursAreReadInTheWindowsZone() {
        RotationWindow window = new RotationWindow(Set.of(), LocalTime.of(1, 0), LocalTime.of(5, 0), NEW_YORK);

        // 01:00-05:00 New York in winter (UTC-5) is 06:00-10:00 UTC.
        assertThat(window.contains(Instant.parse("2026-01-06T06:00:00Z"))).isTrue();
        assertThat(window.contains(Instant.parse("2026-01-06T02:00:00Z"))).isFalse();
        assertThat(window.nextOpening(Instant.parse("2026-01-06T11:00:00Z"))).isEqualTo(Instant.parse("2026-01-07T06:00:00Z"));
    }

    @Test
    void aWindowKeepsItsWallClockHoursAcrossDaylightSaving() {
        RotationWindow window = new RotationWindow(Set.of(), LocalTime.of(3, 0), LocalTime.of(4, 0), NEW_YORK);

        // Summer time starts 2026-03-08 at 02:00 local: 03:00 EST is 08:00 UTC on the 7th, 03:00 EDT is 07:00 UTC on the 8th.
        assertThat(window.nextOpening(Instant.parse("2026-03-07T12:00:00Z"))).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
        assertThat(window.contains(Instant.parse("2026-03-07T08:30:00Z"))).as("03:30 EST").isTrue();
        assertThat(window.contains(Instant.parse("2026-03-08T07:30:00Z"))).as("03:30 EDT").isTrue();
        assertThat(window.contains(Instant.parse("2026-03-08T08:30:00Z"))).as("04:30 EDT").isFalse();
    }

    @Test
    void anOpeningTheSpringChangeSkipsOpensWhenTheClockResumes() {
        RotationWindow window = new RotationWindow(Set.of(), LocalTime.of(2, 30), LocalTime.of(3, 30), NEW_YORK);

        // 2026-03-08 02:00 EST jumps to 03:00 EDT (07:00 UTC): 02:30 never happens that night.
        assertThat(window.nextOpening(Instant.parse("2026-03-08T05:00:00Z"))).isEqualTo(Instant.parse("2026-03-08T07:00:00Z"));
        assertThat(window.contains(Instant.parse("2026-03-08T07:10:00Z"))).isTrue();
    }
}
