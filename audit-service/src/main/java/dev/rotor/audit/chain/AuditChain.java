package dev.rotor.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The rule that chains the records of one secret on rotation.audit, shared by the writer (the
 * topology) and every verifier: record n carries {@code rotor.chain.seq} = n (1, 2, 3 … per secret).
 * The <em>digest</em> of a record is the lowercase hex SHA-256 of the exact UTF-8 bytes of its value as
 * written to the topic; before a secret's first record it is {@link #GENESIS}.
 *
 * <p>A keyed record ({@code rotor.chain.alg} = {@link ChainKey#ALGORITHM}) carries as
 * {@code rotor.chain.prev_hash} the {@link #keyedLink} of record n-1's digest: only the holder of the
 * key can make it, so a record appended by anyone else does not verify. A record written before the
 * chain was keyed has no {@code alg} and carries the digest itself. Removing or editing a record
 * breaks the link (or the sequence) of the one after it.
 */
public final class AuditChain {

    /** prev_hash of a secret's first record. */
    public static final String GENESIS = "0".repeat(64);
    /** Where a record keeps its place in the chain, as JSON pointers into the record. */
    public static final String SEQ_POINTER = "/rotor/chain/seq";
    public static final String PREV_HASH_POINTER = "/rotor/chain/prev_hash";
    public static final String ALG_POINTER = "/rotor/chain/alg";

    private AuditChain() {
    }

    /** Lowercase hex SHA-256 of a record value exactly as it is on the topic. */
    public static String hashOf(byte[] recordValue) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(recordValue));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This JVM has no SHA-256, which every Java platform must provide", e);
        }
    }

    public static String hashOf(String recordValue) {
        return hashOf(recordValue.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The keyed prev_hash of a secret's record that follows the record with {@code previousDigest}. The
     * secret is part of the message, so that a link cannot be moved to another secret: otherwise every
     * first record's link (that of GENESIS) would be the same, and one would serve a forged chain.
     */
    public static String keyedLink(ChainKey key, String secretId, String previousDigest) {
        return key.mac("rotor.audit.link\n" + secretId.length() + ":" + secretId + "\n" + previousDigest);
    }
}
