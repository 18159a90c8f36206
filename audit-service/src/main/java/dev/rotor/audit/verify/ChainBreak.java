package dev.rotor.audit.verify;

/**
 * Where a secret's audit chain stops being provably whole.
 *
 * @param seq the chain position the record claims (null when the record has none)
 * @param problem what is wrong, in words an auditor can act on
 */
public record ChainBreak(String secretId, int partition, long offset, Long seq, Kind kind, String problem) {

    public enum Kind {
        /** Not a chained audit record at all: not JSON, or no seq / prev_hash. */
        UNREADABLE,
        /** The record's prev_hash is not the hash of the record before it: that one (or this one) was changed. */
        EDITED,
        /** A chain position is skipped and never shows up: records were deleted. */
        MISSING,
        /** A chain position shows up after a later one. */
        REORDERED,
        /** A position seen before, with other bytes: not a replayed copy but a second version. */
        CONFLICTING_COPY
    }

    ChainBreak reclassified(Kind newKind, String newProblem) {
        return new ChainBreak(secretId, partition, offset, seq, newKind, newProblem);
    }
}
