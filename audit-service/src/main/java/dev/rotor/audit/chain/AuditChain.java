package dev.rotor.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The rule that chains the records of one secret on rotation.audit, shared by the writer (the
 * topology) and every verifier: record n carries {@code rotor.chain.seq} = n (1, 2, 3 … per secret)
 * and {@code rotor.chain.prev_hash} = the lowercase hex SHA-256 of the exact UTF-8 bytes of record
 * n-1's value as written to the topic; record 1 carries {@link #GENESIS}. Removing or editing a record
 * breaks the hash (or the sequence) of the one after it.
 */
public final class AuditChain {

    /** prev_hash of a secret's first record. */
    public static final String GENESIS = "0".repeat(64);
    /** Where a record keeps its place in the chain, as JSON pointers into the record. */
    public static final String SEQ_POINTER = "/rotor/chain/seq";
    public static final String PREV_HASH_POINTER = "/rotor/chain/prev_hash";

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
}
