package dev.rotor.audit.verify;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.audit.chain.AuditChain;
import dev.rotor.audit.chain.ChainKey;
import dev.rotor.audit.chain.ChainLink;
import dev.rotor.audit.chain.Checkpoint;
import dev.rotor.contract.Topics;

/**
 * Checks the chain of rotation.audit records against the chain key and the signed checkpoints. Fed
 * the checkpoints first, then the records in the order a consumer reads them (each partition by
 * offset; a secret's records are all on one partition). Per secret, {@code rotor.chain.seq} goes 1, 2,
 * 3… and each link is that of the record before (GENESIS for the first): an HMAC under the chain key
 * for a keyed record, the plain SHA-256 for one written before the chain was keyed (verified as such,
 * counted as unkeyed). Once a partition holds a keyed record that verifies, an unkeyed one after it
 * is forged: the audit no longer writes them. A record identical to one already seen at the same
 * position is a replayed copy (a replay re-emits identical records), counted and otherwise ignored.
 * At the end, every chain must reach the highest position a genuine checkpoint vouches for, with the
 * record it vouches for there.
 *
 * <p>Only hashes and locations are kept, not the records: memory grows by a few dozen bytes per record.
 */
public final class ChainVerifier {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String onlySecretId;
    private final ChainKey key;
    private final Map<String, SecretChain> chains = new HashMap<>();
    /** rotation.audit partition -> offset of its first keyed record that verified. */
    private final Map<Integer, Long> keyedSince = new HashMap<>();
    /** secretId -> the furthest position a genuine checkpoint vouches for. */
    private final Map<String, Vouched> vouched = new TreeMap<>();
    private final List<ChainBreak> breaks = new ArrayList<>();
    private long records;
    private long replayedCopies;
    private long unkeyedRecords;
    private int checkpoints;
    private boolean checkedAgainstCheckpoints;

    /**
     * @param onlySecretId check this secret's chain only; null for every secret
     * @param key the chain key, which the audit's keyed links and checkpoints are made with
     */
    public ChainVerifier(String onlySecretId, ChainKey key) {
        this.onlySecretId = onlySecretId;
        this.key = key;
    }

    /** A record of rotation.audit.checkpoints; all of them come before the first audit record. */
    public void acceptCheckpoint(String recordKey, int partition, long offset, byte[] value) {
        if (value == null) {
            // The audit never deletes a checkpoint: a tombstone tries to make the topic forget what one vouched for.
            reportUnattributed(ChainBreak.Kind.FORGED, partition, offset, "a tombstone for the checkpoint of task partition " + recordKey
                    + ": the audit never deletes a checkpoint, so someone tried to remove what it vouches for");
            return;
        }
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.fromJson(value);
        } catch (IllegalArgumentException e) {
            reportUnattributed(ChainBreak.Kind.UNREADABLE, partition, offset, e.getMessage());
            return;
        }
        boolean concernsUs = onlySecretId == null || checkpoint.chains().containsKey(onlySecretId);
        if (!checkpoint.isSignedBy(key)) {
            if (concernsUs) {
                checkpointBreak(ChainBreak.Kind.FORGED, partition, offset, "the checkpoint of task partition " + checkpoint.partition()
                        + " dated " + checkpoint.writtenAt() + " is not signed with the chain key: it was not written by the audit");
            }
            return;
        }
        checkpoints++;
        for (Map.Entry<String, ChainLink> end : checkpoint.chains().entrySet()) {
            Vouched before = vouched.get(end.getKey());
            if (before == null || end.getValue().seq() > before.end.seq()) {
                vouched.put(end.getKey(), new Vouched(end.getValue(), checkpoint, partition, offset));
            }
        }
    }

    /** A record of rotation.audit. */
    public void accept(String recordKey, int partition, long offset, byte[] value) {
        if (value == null) {
            return;
        }
        JsonNode record = parse(value);
        String secretId = record == null ? recordKey : record.at("/rotor/secret/id").asText(recordKey);
        if (onlySecretId != null && !onlySecretId.equals(secretId)) {
            return;
        }
        records++;
        SecretChain chain = chains.computeIfAbsent(String.valueOf(secretId), id -> new SecretChain());
        JsonNode seqNode = record == null ? null : record.at(AuditChain.SEQ_POINTER);
        JsonNode prevHashNode = record == null ? null : record.at(AuditChain.PREV_HASH_POINTER);
        if (seqNode == null || !seqNode.canConvertToLong() || !prevHashNode.isTextual()) {
            broken(chain, new ChainBreak(secretId, partition, offset, null, ChainBreak.Kind.UNREADABLE,
                    "not a chained audit record (no JSON object with rotor.chain.seq and rotor.chain.prev_hash)", Topics.ROTATION_AUDIT));
            return;
        }
        JsonNode algNode = record.at(AuditChain.ALG_POINTER);
        String alg = algNode.isTextual() ? algNode.asText() : null;
        if (alg == null) {
            unkeyedRecords++;
        }
        long seq = seqNode.asLong();
        String hash = AuditChain.hashOf(value);
        if (chain.broken != null) {
            refineMissing(chain, seq, partition, offset);
            return;
        }
        long expected = chain.links.size() + 1L;
        if (seq == expected) {
            appendIfLinked(chain, new Link(hash, partition, offset), prevHashNode.asText(), alg, secretId, seq);
        } else if (seq >= 1 && seq < expected) {
            Link seen = chain.links.get((int) seq - 1);
            if (seen.hash.equals(hash)) {
                replayedCopies++;
            } else {
                broken(chain, new ChainBreak(secretId, partition, offset, seq, ChainBreak.Kind.CONFLICTING_COPY,
                        "seq " + seq + " was already written at partition " + seen.partition + " offset " + seen.offset
                                + " with other content: one of the two was altered", Topics.ROTATION_AUDIT));
            }
        } else if (seq > expected) {
            chain.missingSeq = expected;
            broken(chain, new ChainBreak(secretId, partition, offset, seq, ChainBreak.Kind.MISSING,
                    "seq " + seq + " follows seq " + (expected - 1) + ": " + missingRange(expected, seq) + " missing (deleted?)",
                    Topics.ROTATION_AUDIT));
        } else {
            broken(chain, new ChainBreak(secretId, partition, offset, seq, ChainBreak.Kind.UNREADABLE,
                    "seq " + seq + " is not a chain position (they start at 1)", Topics.ROTATION_AUDIT));
        }
    }

    public ChainVerification result() {
        if (!checkedAgainstCheckpoints) {
            checkedAgainstCheckpoints = true;
            vouched.forEach(this::checkAgainstCheckpoint);
        }
        return new ChainVerification(breaks.isEmpty(), records, chains.size(), replayedCopies, breaks.isEmpty() ? null : breaks.get(0),
                unkeyedRecords == 0, unkeyedRecords, checkpoints, List.copyOf(breaks));
    }

    private void appendIfLinked(SecretChain chain, Link link, String prevHash, String alg, String secretId, long seq) {
        Link last = chain.links.isEmpty() ? null : chain.links.get(chain.links.size() - 1);
        String previousDigest = last == null ? AuditChain.GENESIS : last.hash;
        String before = last == null ? "the genesis value (this is the secret's first record)"
                : "seq " + (seq - 1) + " at partition " + last.partition + " offset " + last.offset;
        if (alg == null) {
            Long keyedFrom = keyedSince.get(link.partition);
            if (keyedFrom != null) {
                broken(chain, breakAt(link, secretId, seq, ChainBreak.Kind.FORGED, "seq " + seq + " has an unkeyed link (no rotor.chain.alg),"
                        + " but the audit has written keyed links on partition " + link.partition + " since offset " + keyedFrom
                        + ": it was not written by the audit"));
            } else if (previousDigest.equals(prevHash)) {
                chain.links.add(link);
            } else {
                broken(chain, breakAt(link, secretId, seq, ChainBreak.Kind.EDITED, "prev_hash of seq " + seq + " is not "
                        + (last == null ? before : "the SHA-256 of " + before) + ": the record before it, or this one, was altered"));
            }
        } else if (ChainKey.ALGORITHM.equals(alg)) {
            if (AuditChain.keyedLink(key, secretId, previousDigest).equals(prevHash)) {
                chain.links.add(link);
                keyedSince.putIfAbsent(link.partition, link.offset);
            } else {
                broken(chain, breakAt(link, secretId, seq, ChainBreak.Kind.FORGED, "the " + ChainKey.ALGORITHM + " link of seq " + seq
                        + " does not verify with the chain key against " + before
                        + ": this record was not written by the audit (made without the key), or the record before it was altered"));
            }
        } else {
            broken(chain, breakAt(link, secretId, seq, ChainBreak.Kind.UNREADABLE, "seq " + seq + " names a link algorithm this audit"
                    + " does not know (" + ChainKey.ALGORITHM + ", or none for the unkeyed SHA-256 of older records)"));
        }
    }

    private void checkAgainstCheckpoint(String secretId, Vouched vouch) {
        if (onlySecretId != null && !onlySecretId.equals(secretId)) {
            return;
        }
        SecretChain chain = chains.get(secretId);
        if (chain != null && chain.broken != null) {
            return;
        }
        List<Link> links = chain == null ? List.of() : chain.links;
        long vouchedSeq = vouch.end.seq();
        String source = "the checkpoint of task partition " + vouch.checkpoint.partition() + " dated " + vouch.checkpoint.writtenAt() + " ("
                + Topics.ROTATION_AUDIT_CHECKPOINTS + " partition " + vouch.partition + " offset " + vouch.offset + ")";
        if (links.size() < vouchedSeq) {
            Link last = links.isEmpty() ? null : links.get(links.size() - 1);
            String found = last == null ? "rotation.audit holds no record of this secret"
                    : "its chain ends at seq " + links.size() + " (partition " + last.partition + " offset " + last.offset + ")";
            breaks.add(new ChainBreak(secretId, last == null ? -1 : last.partition, last == null ? -1 : last.offset, vouchedSeq,
                    ChainBreak.Kind.TRUNCATED, source + " vouches for seq " + vouchedSeq + ", but " + found + ": "
                            + missingRange(links.size() + 1L, vouchedSeq + 1) + " gone from the topic (its tail truncated, or the topic"
                            + " re-created without it)", Topics.ROTATION_AUDIT));
            return;
        }
        Link atVouched = links.get((int) vouchedSeq - 1);
        if (!atVouched.hash.equals(vouch.end.hash())) {
            breaks.add(new ChainBreak(secretId, atVouched.partition, atVouched.offset, vouchedSeq, ChainBreak.Kind.FORGED, "seq " + vouchedSeq
                    + " is not the record " + source + " vouches for (its SHA-256 differs): it was replaced", Topics.ROTATION_AUDIT));
        }
    }

    private static ChainBreak breakAt(Link link, String secretId, long seq, ChainBreak.Kind kind, String problem) {
        return new ChainBreak(secretId, link.partition, link.offset, seq, kind, problem, Topics.ROTATION_AUDIT);
    }

    /** A skipped position that turns up later was reordered, not deleted. */
    private void refineMissing(SecretChain chain, long seq, int partition, long offset) {
        if (chain.missingSeq == null || seq != chain.missingSeq) {
            return;
        }
        ChainBreak reordered = chain.broken.reclassified(ChainBreak.Kind.REORDERED,
                "seq " + chain.broken.seq() + " comes before seq " + seq + " (which is at partition " + partition
                        + " offset " + offset + "): the records are out of order");
        breaks.set(chain.breakIndex, reordered);
        chain.broken = reordered;
        chain.missingSeq = null;
    }

    private void broken(SecretChain chain, ChainBreak problem) {
        chain.broken = problem;
        chain.breakIndex = breaks.size();
        breaks.add(problem);
    }

    private void checkpointBreak(ChainBreak.Kind kind, int partition, long offset, String problem) {
        breaks.add(new ChainBreak(null, partition, offset, null, kind, problem, Topics.ROTATION_AUDIT_CHECKPOINTS));
    }

    /** A bad checkpoint record that names no secret matters to a check of every secret, not to one secret's. */
    private void reportUnattributed(ChainBreak.Kind kind, int partition, long offset, String problem) {
        if (onlySecretId == null) {
            checkpointBreak(kind, partition, offset, problem);
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

    /** The furthest end of a secret's chain that a genuine checkpoint vouches for, and where that checkpoint is. */
    private record Vouched(ChainLink end, Checkpoint checkpoint, int partition, long offset) {
    }

    /** The verified links of one secret's chain, by seq - 1, and its first break. */
    private static final class SecretChain {
        private final List<Link> links = new ArrayList<>();
        private ChainBreak broken;
        private int breakIndex;
        private Long missingSeq;
    }
}
