package dev.rotor.audit.chain;

/**
 * The end of one secret's chain: the sequence number and hash of the last record written for it. The
 * writer keeps one per secret in a state store; a verifier keeps one while it reads.
 *
 * @param seq the last record's {@code rotor.chain.seq}; 0 before the first record
 * @param hash the SHA-256 of the last record's value; {@link AuditChain#GENESIS} before the first
 */
public record ChainLink(long seq, String hash) {

    public static ChainLink genesis() {
        return new ChainLink(0, AuditChain.GENESIS);
    }

    /** The end of the chain once the record with this value, written after this link, is on the topic. */
    public ChainLink next(String recordValue) {
        return new ChainLink(seq + 1, AuditChain.hashOf(recordValue));
    }

    /** Whether a record that claims this seq and prev_hash is the one that follows this link. */
    public boolean isFollowedBy(long recordSeq, String recordPrevHash) {
        return recordSeq == seq + 1 && hash.equals(recordPrevHash);
    }
}
