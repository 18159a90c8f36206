package dev.rotor.scheduler.schedule;

import java.time.Instant;

/**
 * What the scheduler would do with one secret: rotate {@code at} (null when nothing is expected within
 * the plan's window), in {@code state}, {@code why} in words.
 */
public record PlanEntry(String secretId, String secretClass, State state, Instant dueAt, Instant at, String why) {

    public enum State {
        /** Will rotate at {@code at}, in the future. */
        DUE,
        /** Past due: rotates at the next tick. */
        OVERDUE,
        RETRY,
        EXEMPT,
        PAUSED,
        OUTSIDE_WINDOW,
        WAITING_FOR_COHORT,
        LIMITED,
        IN_FLIGHT
    }
}
