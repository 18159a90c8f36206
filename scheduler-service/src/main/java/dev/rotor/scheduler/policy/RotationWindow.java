package dev.rotor.scheduler.policy;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.EnumSet;
import java.util.Set;

/**
 * When scheduled rotations may start: on {@code days}, from {@code start} to {@code end} local time in
 * {@code zone}. A window whose end is not after its start crosses midnight (22:00-04:00) and belongs
 * to the day it opens on. No days means every day. Local times are read on the wall clock of the
 * zone, so a window keeps its hours across a DST change; an opening that falls in the hour a spring
 * change skips opens when the clock resumes.
 */
public record RotationWindow(Set<DayOfWeek> days, LocalTime start, LocalTime end, ZoneId zone) {

    public RotationWindow {
        days = days == null || days.isEmpty() ? EnumSet.allOf(DayOfWeek.class) : EnumSet.copyOf(days);
    }

    public boolean crossesMidnight() {
        return !end.isAfter(start);
    }

    public boolean contains(Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        return openedOn(local.toLocalDate(), local.toLocalTime()) || openedTheDayBefore(local.toLocalDate(), local.toLocalTime());
    }

    /** The first instant at or after {@code from} inside this window. */
    public Instant nextOpening(Instant from) {
        if (contains(from)) {
            return from;
        }
        LocalDate day = LocalDate.ofInstant(from, zone);
        for (int i = 0; i <= 7; i++) {
            LocalDate candidate = day.plusDays(i);
            if (days.contains(candidate.getDayOfWeek())) {
                Instant opening = openingOn(candidate);
                if (!opening.isBefore(from)) {
                    return opening;
                }
            }
        }
        throw new IllegalStateException("window " + this + " never opens");
    }

    /** Where the opening's wall-clock time does not exist (spring DST change), the window opens when the clock jumps. */
    private Instant openingOn(LocalDate date) {
        LocalDateTime local = date.atTime(start);
        ZoneOffsetTransition gap = zone.getRules().getTransition(local);
        return gap != null && gap.isGap() ? gap.getInstant() : ZonedDateTime.of(local, zone).toInstant();
    }

    private boolean openedOn(LocalDate date, LocalTime time) {
        if (!days.contains(date.getDayOfWeek()) || time.isBefore(start)) {
            return false;
        }
        return crossesMidnight() || time.isBefore(end);
    }

    private boolean openedTheDayBefore(LocalDate date, LocalTime time) {
        return crossesMidnight() && days.contains(date.minusDays(1).getDayOfWeek()) && time.isBefore(end);
    }

    @Override
    public String toString() {
        return days + " " + start + "-" + end + " " + zone;
    }
}
