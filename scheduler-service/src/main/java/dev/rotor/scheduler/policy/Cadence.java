package dev.rotor.scheduler.policy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;

/**
 * How often a secret rotates: an ISO-8601 duration after the last success (P30D), or the firings of a
 * five-field cron expression (0 3 * * SUN, in the policy's time zone).
 */
public sealed interface Cadence permits Cadence.Every, Cadence.Cron {

    /** @throws IllegalArgumentException saying what is wrong with the text and what a valid one looks like */
    static Cadence parse(String text, ZoneId zone) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("a cadence is required: an ISO-8601 duration such as P30D or PT12H, or a five-field"
                    + " cron expression such as '0 3 * * SUN'");
        }
        String trimmed = text.trim();
        return trimmed.startsWith("P") || trimmed.startsWith("p") ? Every.parse(trimmed) : Cron.parse(trimmed, zone);
    }

    /** As written in the policy. */
    String text();

    /** When the next rotation is due after a success (or the registration) at {@code last}. */
    Instant nextDue(Instant last);

    /** The longest time allowed between two successes: the duration, or the longest gap between two cron firings. */
    Duration maxAge();

    record Every(String text, Duration period) implements Cadence {

        static Every parse(String text) {
            Duration period;
            try {
                period = Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("cadence '" + text + "' is not an ISO-8601 duration: write days or hours, e.g."
                        + " P30D or PT12H (months and years, P1M/P1Y, are not fixed lengths: use days, or a cron expression)");
            }
            if (period.isNegative() || period.isZero()) {
                throw new IllegalArgumentException("cadence '" + text + "' must be a positive duration, e.g. P30D");
            }
            return new Every(text, period);
        }

        @Override
        public Instant nextDue(Instant last) {
            return last.plus(period);
        }

        @Override
        public Duration maxAge() {
            return period;
        }
    }

    /** Five fields (minute hour day-of-month month day-of-week), Unix semantics, evaluated in {@code zone}. */
    record Cron(String text, ZoneId zone) implements Cadence {

        private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
        /** Parsed once per expression: 100,000 secrets may share a handful of them. */
        private static final Map<String, ExecutionTime> PARSED = new ConcurrentHashMap<>();
        /** Computing the longest gap walks a year of firings: once per expression and zone is enough. */
        private static final Map<Cron, Duration> MAX_AGES = new ConcurrentHashMap<>();
        /** A fixed year (with both DST changes in most zones), so that every instance computes the same maximum. */
        private static final LocalDate REFERENCE_YEAR = LocalDate.of(2025, 1, 1);
        private static final Duration NEVER_HORIZON = Duration.ofDays(366 * 8);

        static Cron parse(String text, ZoneId zone) {
            Cron cron = new Cron(text, zone);
            try {
                cron.executionTime();
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("cadence '" + text + "' is neither an ISO-8601 duration (P30D) nor a valid"
                        + " five-field cron expression (minute hour day-of-month month day-of-week, e.g. '0 3 * * SUN'): "
                        + e.getMessage());
            }
            ZonedDateTime start = REFERENCE_YEAR.atStartOfDay(zone);
            if (cron.next(start).filter(first -> first.isBefore(start.plus(NEVER_HORIZON))).isEmpty()) {
                throw new IllegalArgumentException("cron cadence '" + text + "' never fires (check day of month against month)");
            }
            return cron;
        }

        @Override
        public Instant nextDue(Instant last) {
            return next(last.atZone(zone)).map(ZonedDateTime::toInstant)
                    .orElseThrow(() -> new IllegalStateException("cron cadence '" + text + "' has no firing after " + last));
        }

        @Override
        public Duration maxAge() {
            return MAX_AGES.computeIfAbsent(this, Cron::longestGap);
        }

        private Duration longestGap() {
            ZonedDateTime start = REFERENCE_YEAR.atStartOfDay(zone);
            ZonedDateTime end = start.plusYears(1);
            ZonedDateTime firing = next(start).orElseThrow();
            Duration longest = Duration.ZERO;
            // The firing after the year's end is included: a yearly (or rarer) cron then still has one gap.
            while (!firing.isAfter(end)) {
                ZonedDateTime following = next(firing).orElseThrow();
                Duration gap = Duration.between(firing, following);
                if (gap.compareTo(longest) > 0) {
                    longest = gap;
                }
                firing = following;
            }
            return longest;
        }

        private Optional<ZonedDateTime> next(ZonedDateTime after) {
            return executionTime().nextExecution(after);
        }

        private ExecutionTime executionTime() {
            return PARSED.computeIfAbsent(text, expression -> ExecutionTime.forCron(PARSER.parse(expression).validate()));
        }
    }
}
