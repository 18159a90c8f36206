package dev.rotor.audit.domain;

import java.util.EnumSet;
import java.util.Set;

/**
 * Which steps an event proves happened. Topics are read in no guaranteed order, so a rotation's
 * progress is the union of what its events prove, never the last event that arrived: a
 * RotationCompleted proves the update and the verification before it, whenever those arrive.
 */
final class StepRules {

    private StepRules() {
    }

    /**
     * The steps that must have happened before this one. A rollback needs something to roll back (an
     * update) and a request for it, but not a failed verification: operators may roll back any update.
     * A RotationCompleted without a new store version is a BACKFILL record of a rotation done before
     * Rotor: only its request was recorded.
     */
    static Set<EventType> predecessorsOf(LifecycleEvent event) {
        return switch (event.type()) {
            case ROTATION_REQUESTED -> EnumSet.noneOf(EventType.class);
            case SECRET_UPDATED, ROTATION_FAILED -> EnumSet.of(EventType.ROTATION_REQUESTED);
            case VERIFICATION_SUCCEEDED, VERIFICATION_FAILED, ROLLBACK_REQUESTED ->
                    EnumSet.of(EventType.ROTATION_REQUESTED, EventType.SECRET_UPDATED);
            case ROTATION_COMPLETED -> event.newStoreVersion() == null
                    ? EnumSet.of(EventType.ROTATION_REQUESTED)
                    : EnumSet.of(EventType.ROTATION_REQUESTED, EventType.SECRET_UPDATED, EventType.VERIFICATION_SUCCEEDED);
            case ROTATION_ROLLED_BACK, ROLLBACK_FAILED ->
                    EnumSet.of(EventType.ROTATION_REQUESTED, EventType.SECRET_UPDATED, EventType.ROLLBACK_REQUESTED);
        };
    }

    /** Every step the events prove: their own and all that must precede them. */
    static Set<EventType> provenBy(Iterable<LifecycleEvent> events) {
        Set<EventType> proven = EnumSet.noneOf(EventType.class);
        for (LifecycleEvent event : events) {
            proven.add(event.type());
            proven.addAll(predecessorsOf(event));
        }
        return proven;
    }

    /** Steps a terminal event needs that have no event of their own in the timeline. */
    static Set<EventType> missingBeforeTerminals(Iterable<LifecycleEvent> events) {
        Set<EventType> seen = EnumSet.noneOf(EventType.class);
        Set<EventType> needed = EnumSet.noneOf(EventType.class);
        for (LifecycleEvent event : events) {
            seen.add(event.type());
            if (event.type().isTerminal()) {
                needed.addAll(predecessorsOf(event));
            }
        }
        needed.removeAll(seen);
        return needed;
    }
}
