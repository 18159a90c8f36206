package dev.rotor.audit.domain;

/** How a rotation's audit trail is not whole; the names are those of the Avro IncompletenessKind. */
public enum FindingKind {
    /** No terminal event by the rotation's deadline. */
    NO_TERMINAL_BY_DEADLINE,
    /** A terminal arrived, but a step that must precede it did not within the grace period. */
    MISSING_PREDECESSOR,
    /** Two different eventIds claim the same step of one rotation. */
    DUPLICATE_STEP,
    /** Two different terminal events for one rotation. */
    CONFLICTING_TERMINAL
}
