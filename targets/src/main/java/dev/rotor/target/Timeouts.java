package dev.rotor.target;

import java.time.Duration;

/** How long a kind waits for a target: to connect, and for each answer after that. */
public record Timeouts(Duration connect, Duration io) {

    public static Timeouts of(Duration both) {
        return new Timeouts(both, both);
    }

    /** For drivers that take whole seconds, where 0 would mean "wait forever". */
    public static int wholeSeconds(Duration timeout) {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }
}
