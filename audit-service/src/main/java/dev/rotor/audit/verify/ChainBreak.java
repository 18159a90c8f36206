package dev.rotor.audit.verify;

/**
 * Where a secret's audit chain stops being provably whole.
 *
 * @param secretId the secret whose chain breaks; null for a checkpoint that is itself not genuine
 * @param topic where the record that shows the break is: rotation.audit, or rotation.audit.checkpoints
 * @param partition,offset that record's place in the topic; for TRUNCATED, the secret's last record on
 *        rotation.audit (offset -1 when none is left), the checkpoint being named in the problem
 * @param seq the chain position the record claims (null when the record has none); for TRUNCATED the
 *        last position the checkpoint vouches for
 * @param problem what is wrong, in words an auditor can act on
 */
public record ChainBreak(String secretId, int partition, long offset, Long seq, Kind kind, String problem, String topic) {

    public enum Kind {
        /** Not a chained audit record (or checkpoint) at all: not JSON, or no seq / prev_hash. */
        UNREADABLE,
        /** Unkeyed (SHA-256) link: the record's prev_hash is not the hash of the record before it: that one (or this one) was changed. */
        EDITED,
        /**
         * A keyed link (or checkpoint) that the chain key does not verify, or an unkeyed record after the
         * chain became keyed: written by someone without the key, or the record before it was altered.
         */
        FORGED,
        /** A chain position is skipped and never shows up: records were deleted (dropped). */
        MISSING,
        /** A chain position shows up after a later one. */
        REORDERED,
        /** A position seen before, with other bytes: not a replayed copy but a second version. */
        CONFLICTING_COPY,
        /** The chain ends before the position a signed checkpoint vouches for: its tail was truncated. */
        TRUNCATED
    }

    ChainBreak reclassified(Kind newKind, String newProblem) {
        return new ChainBreak(secretId, partition, offset, seq, newKind, newProblem, topic);
    }
}
