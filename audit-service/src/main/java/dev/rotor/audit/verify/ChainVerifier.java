package dev.rotor.audit.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.audit.chain.AuditChain;

/**
 * Checks the hash chain of rotation.audit records, fed in the order a consumer reads them (each
 * partition by offset; a secret's records are all on one partition). Per secret, {@code rotor.chain.seq}
 * goes 1, 2, 3… and {@code rotor.chain.prev_hash} is the SHA-256 of the exact bytes of the record
 * before (GENESIS for the first). A record identical to one already seen at the same position is a
 * replayed copy (a replay re-emits identical records), counted and otherwise ignored.
 *
 * <p>Only hashes and locations are kept, not the records: memory grows by a few dozen bytes per record.
 */
public final class ChainVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String onlySecretId;
    private final Map<String, SecretChain> chains = new HashMap<>();
    private long records;
    private long replayedCopies;
    private ChainBreak firstBreak;

    /** @param onlySecretId check this secret's chain only; null for every secret */
    public ChainVerifier(String onlySecretId) {
        this.onlySecretId = onlySecretId;
    }

    public void accept(String key, int partition, long offset, byte[] value) {
        if (value == null) {
            return;
        }
        JsonNode record = parse(value);
        String secretId = record == null ? key : record.at("/rotor/secret/id").asText(key);
        if (onlySecretId != null && !onlySecretId.equals(secretId)) {
            return;
        }
        records++;
        SecretChain chain = chains.computeIfAbsent(String.valueOf(secretId), id -> new SecretChain());
        JsonNode seqNode = record == null ? null : record.at(AuditChain.SEQ_POINTER);
        JsonNode prevHashNode = record == null ? null : record.at(AuditChain.PREV_HASH_POINTER);
        if (seqNode == null || !seqNode.canConvertToLong() || !prevHashNode.isTextual()) {
            broken(chain, new ChainBreak(secretId, partition, offset, null, ChainBreak.Kind.UNREADABLE,
                    "not a chained audit record (no JSON object with rotor.chain.seq and rotor.chain.prev_hash)"));
            return;
        }
        long seq = seqNode.asLong();
        String hash = AuditChain.hashOf(value);
        if (chain.broken != null) {
            refineMissing(chain, seq, partition, offset);
            return;
        }
        long expected = chain.links.size() + 1L;
        if (seq == expected) {
            appendIfLinked(chain, new Link(hash, partition, offset), prevHashNode.asText(), secretId, seq);
        } else if (seq >= 1 && seq < expected) {
            Link seen = chain.links.get((int) seq - 1);
            if (seen.hash.equals(hash)) {
                replayedCopies++;
            } else {
                broken(chain, new ChainBreak(secretId, partition, offset, seq, ChainBreak.Kind.CONFLICTING_COPY,
                        "seq " + seq + " was already written at partition " + seen.partition + " offset " + seen.offset
                                + " with other content: one of the two was altered"));
            }
        } else if (seq > expected) {
            chain.missingSeq = expected;
            broken(chain, new ChainBreak(secretId, partition, offset, seq, ChainBreak.Kind.MISSING,
                    "seq " + seq + " follows seq " + (expected - 1) + ": " + missingRange(expected, seq) + " missing (deleted?)"));
        } else {
            broken(chain, new ChainBreak(secretId, partition, offset, seq, ChainBreak.Kind.UNREADABLE,
                    "seq " + seq + " is not a chain position (they start at 1)"));
        }
    }

    public ChainVerification result() {
        return new ChainVerification(firstBreak == null, records, chains.size(), replayedCopies, firstBreak);
    }

    private void appendIfLinked(SecretChain chain, Link link, String prevHash, String secretId, long seq) {
        String expectedPrev = chain.links.isEmpty() ? AuditChain.GENESIS : chain.links.get(chain.links.size() - 1).hash;
        if (expectedPrev.equals(prevHash)) {
            chain.links.add(link);
            return;
        }
        String before = chain.links.isEmpty() ? "the genesis value (this is the secret's first record)"
                : "the SHA-256 of seq " + (seq - 1) + " at partition " + chain.links.get(chain.links.size() - 1).partition
                        + " offset " + chain.links.get(chain.links.size() - 1).offset;
        broken(chain, new ChainBreak(secretId, link.partition, link.offset, seq, ChainBreak.Kind.EDITED,
                "prev_hash of seq " + seq + " is not " + before + ": the record before it, or this one, was altered"));
    }

    /** A skipped position that turns up later was reordered, not deleted. */
    private void refineMissing(SecretChain chain, long seq, int partition, long offset) {
        if (chain.missingSeq == null || seq != chain.missingSeq) {
            return;
        }
        ChainBreak reordered = chain.broken.reclassified(ChainBreak.Kind.REORDERED,
                "seq " + chain.broken.seq() + " comes before seq " + seq + " (which is at partition " + partition
                        + " offset " + offset + "): the records are out of order");
        if (firstBreak == chain.broken) {
            firstBreak = reordered;
        }
        chain.broken = reordered;
        chain.missingSeq = null;
    }

    private void broken(SecretChain chain, ChainBreak problem) {
        chain.broken = problem;
        if (firstBreak == null) {
            firstBreak = problem;
        }
    }

    private static String missingRange(long from, long to) {
        return to - from == 1 ? "seq " + from + " is" : "seq " + from + " to " + (to - 1) + " are";
    }

    private static JsonNode parse(byte[] value) {
        try {
            JsonNode node = JSON.readTree(value);
            return node != null && node.isObject() ? node : null;
        } catch (IOException notJson) {
            return null;
        }
    }

    private record Link(String hash, int partition, long offset) {
    }

    /** The verified links of one secret's chain, by seq - 1, and its first break. */
    private static final class SecretChain {
        private final List<Link> links = new ArrayList<>();
        private ChainBreak broken;
        private Long missingSeq;
    }
}
