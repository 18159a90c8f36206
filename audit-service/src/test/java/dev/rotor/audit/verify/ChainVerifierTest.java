package dev.rotor.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rotor.audit.chain.AuditChain;
import dev.rotor.audit.chain.ChainKey;
import dev.rotor.audit.chain.ChainLink;
import dev.rotor.audit.chain.Checkpoint;
import dev.rotor.contract.Topics;

/**
 * The chain check over hand-built rotation.audit records and checkpoints: what passes, and how each
 * kind of tampering is named. {@link #chain} builds records as the audit wrote them before the chain was
 * keyed (plain SHA-256, no alg), {@link #keyedChain} as it writes them now.
 */
class ChainVerifierTest {

    private static final String SECRET = "db/orders-app";
    private static final ChainKey KEY = ChainKey.of(ChainKey.randomBytes());
    private static final ChainKey ATTACKERS_KEY = ChainKey.of(ChainKey.randomBytes());
    private static final Instant AT = Instant.parse("2026-11-01T10:00:10Z");

    @Test
    void anUnbrokenChainIsIntact() {
        ChainVerification result = verify(null, chain(SECRET, 4), chain("db/billing", 2));

        assertThat(result.intact()).isTrue();
        assertThat(result.records()).isEqualTo(6);
        assertThat(result.secrets()).isEqualTo(2);
        assertThat(result.replayedCopies()).isZero();
        assertThat(result.firstBreak()).isNull();
        assertThat(result.breaks()).isEmpty();
        assertThat(result.keyed()).as("records from before the key verify as the unkeyed kind, and are reported so").isFalse();
        assertThat(result.unkeyedRecords()).isEqualTo(6);
    }

    @Test
    void aKeyedChainIsIntactAndReportedAsKeyed() {
        ChainVerification result = verify(null, keyedChain(SECRET, 4), keyedChain("db/billing", 2));

        assertThat(result.intact()).isTrue();
        assertThat(result.records()).isEqualTo(6);
        assertThat(result.keyed()).isTrue();
        assertThat(result.unkeyedRecords()).isZero();
    }

    @Test
    void aChainKeyedFromSomePointOnVerifiesAcrossTheChange() {
        List<byte[]> records = chain(SECRET, 2);
        records.add(record(SECRET, 3, AuditChain.keyedLink(KEY, SECRET, AuditChain.hashOf(records.get(1))), ChainKey.ALGORITHM));

        ChainVerification result = verify(null, records);

        assertThat(result.intact()).isTrue();
        assertThat(result.keyed()).isFalse();
        assertThat(result.unkeyedRecords()).isEqualTo(2);
    }

    @Test
    void aRecordAppendedWithAHashMadeWithoutTheKeyIsForged() {
        List<byte[]> records = keyedChain(SECRET, 3);
        records.add(record(SECRET, 4, AuditChain.hashOf(records.get(2)), ChainKey.ALGORITHM));

        ChainBreak firstBreak = verify(null, records).firstBreak();

        assertThat(firstBreak.kind()).isEqualTo(ChainBreak.Kind.FORGED);
        assertThat(firstBreak.secretId()).isEqualTo(SECRET);
        assertThat(firstBreak.seq()).isEqualTo(4);
        assertThat(firstBreak.offset()).isEqualTo(3);
        assertThat(firstBreak.topic()).isEqualTo("rotation.audit");
        assertThat(firstBreak.problem()).contains("does not verify with the chain key against seq 3 at partition 0 offset 2");
    }

    @Test
    void aRecordLinkedWithAnotherKeyIsForged() {
        List<byte[]> records = keyedChain(SECRET, 2);
        records.add(record(SECRET, 3, AuditChain.keyedLink(ATTACKERS_KEY, SECRET, AuditChain.hashOf(records.get(1))), ChainKey.ALGORITHM));

        assertThat(verify(null, records).firstBreak().kind()).isEqualTo(ChainBreak.Kind.FORGED);
    }

    @Test
    void anUnkeyedRecordAfterTheChainBecameKeyedIsForgedNotALegacyRecord() {
        List<byte[]> records = keyedChain(SECRET, 2);
        records.add(record(SECRET, 3, AuditChain.hashOf(records.get(1)), null));
        // A new secret's chain, unkeyed, on a partition the audit already keys: the same downgrade.
        records.add(record("db/invented", 1, AuditChain.GENESIS, null));

        ChainVerification result = verify(null, records);

        assertThat(result.breaks()).extracting(ChainBreak::secretId, ChainBreak::kind, ChainBreak::offset)
                .containsExactly(tuple(SECRET, ChainBreak.Kind.FORGED, 2L),
                        tuple("db/invented", ChainBreak.Kind.FORGED, 3L));
        assertThat(result.firstBreak().problem()).contains("unkeyed link", "since offset 0");
    }

    @Test
    void aDroppedKeyedRecordIsNamedAsMissing() {
        List<byte[]> records = keyedChain(SECRET, 4);
        records.remove(1);

        ChainBreak firstBreak = verify(null, records).firstBreak();

        assertThat(firstBreak.kind()).isEqualTo(ChainBreak.Kind.MISSING);
        assertThat(firstBreak.seq()).isEqualTo(3);
        assertThat(firstBreak.offset()).isEqualTo(1);
        assertThat(firstBreak.problem()).contains("seq 3 follows seq 1: seq 2 is missing");
    }

    @Test
    void aChainThatEndsBeforeWhatACheckpointVouchesForIsTruncated() {
        List<byte[]> records = keyedChain(SECRET, 5);
        byte[] checkpoint = checkpoint(KEY, Map.of(SECRET, new ChainLink(5, AuditChain.hashOf(records.get(4)))));

        ChainVerification result = verifyWithCheckpoints(null, List.of(checkpoint), records.subList(0, 3));

        assertThat(result.intact()).isFalse();
        assertThat(result.checkpoints()).isEqualTo(1);
        ChainBreak truncated = result.firstBreak();
        assertThat(truncated.kind()).isEqualTo(ChainBreak.Kind.TRUNCATED);
        assertThat(truncated.secretId()).isEqualTo(SECRET);
        assertThat(truncated.seq()).isEqualTo(5);
        assertThat(truncated.partition()).isZero();
        assertThat(truncated.offset()).as("the last record left").isEqualTo(2);
        assertThat(truncated.problem()).contains("vouches for seq 5", "ends at seq 3", "seq 4 to 5 are gone");
        assertThat(verifyWithCheckpoints(null, List.of(checkpoint), records).intact()).as("the whole chain").isTrue();
    }

    @Test
    void aSecretACheckpointVouchesForThatHasNoRecordLeftIsTruncated() {
        byte[] checkpoint = checkpoint(KEY, Map.of("db/wiped", new ChainLink(2, AuditChain.GENESIS)));

        ChainBreak truncated = verifyWithCheckpoints("db/wiped", List.of(checkpoint)).firstBreak();

        assertThat(truncated.kind()).isEqualTo(ChainBreak.Kind.TRUNCATED);
        assertThat(truncated.offset()).isEqualTo(-1);
        assertThat(truncated.problem()).contains("holds no record of this secret", "seq 1 to 2 are gone");
    }

    @Test
    void aCheckpointNotSignedWithTheKeyIsForgedAndVouchesForNothing() {
        List<byte[]> records = keyedChain(SECRET, 2);
        byte[] forged = checkpoint(ATTACKERS_KEY, Map.of(SECRET, new ChainLink(9, AuditChain.GENESIS)));

        ChainVerification result = verifyWithCheckpoints(null, List.of(forged), records);

        assertThat(result.checkpoints()).isZero();
        assertThat(result.breaks()).singleElement().satisfies(problem -> {
            assertThat(problem.kind()).isEqualTo(ChainBreak.Kind.FORGED);
            assertThat(problem.topic()).isEqualTo(Topics.ROTATION_AUDIT_CHECKPOINTS);
            assertThat(problem.problem()).contains("not signed with the chain key");
        });
    }

    @Test
    void aTombstoneForACheckpointIsForgedAndTheCheckpointBeforeItStillCounts() {
        List<byte[]> records = keyedChain(SECRET, 3);
        byte[] genuine = checkpoint(KEY, Map.of(SECRET, new ChainLink(3, AuditChain.hashOf(records.get(2)))));
        ChainVerifier verifier = new ChainVerifier(null, KEY);
        verifier.acceptCheckpoint("0", 0, 0, genuine);
        verifier.acceptCheckpoint("0", 0, 1, null);
        verifier.accept(null, 0, 0, records.get(0));

        ChainVerification result = verifier.result();

        assertThat(result.breaks()).extracting(ChainBreak::kind).containsExactly(ChainBreak.Kind.FORGED, ChainBreak.Kind.TRUNCATED);
    }

    @Test
    void everyBrokenSecretIsReportedWithItsFirstBreak() {
        List<byte[]> orders = keyedChain(SECRET, 3);
        orders.remove(1);
        List<byte[]> billing = keyedChain("db/billing", 2);
        billing.add(record("db/billing", 3, AuditChain.GENESIS, ChainKey.ALGORITHM));

        ChainVerification result = verify(null, orders, billing);

        assertThat(result.breaks()).extracting(ChainBreak::secretId, ChainBreak::kind)
                .containsExactly(tuple(SECRET, ChainBreak.Kind.MISSING),
                        tuple("db/billing", ChainBreak.Kind.FORGED));
        assertThat(result.firstBreak()).isEqualTo(result.breaks().get(0));
    }

    @Test
    void aReplayedIdenticalRecordIsCountedNotABreak() {
        List<byte[]> records = chain(SECRET, 3);
        records.add(records.get(1));
        records.add(records.get(2));

        ChainVerification result = verify(null, records);

        assertThat(result.intact()).isTrue();
        assertThat(result.replayedCopies()).isEqualTo(2);
        assertThat(result.records()).isEqualTo(5);
    }

    @Test
    void anEditedRecordBreaksTheLinkAfterIt() {
        List<byte[]> records = chain(SECRET, 4);
        records.set(1, utf8(new String(records.get(1), StandardCharsets.UTF_8).replace("\"outcome\":\"success\"", "\"outcome\":\"failure\"")));

        ChainBreak firstBreak = verify(null, records).firstBreak();

        assertThat(firstBreak.kind()).isEqualTo(ChainBreak.Kind.EDITED);
        assertThat(firstBreak.secretId()).isEqualTo(SECRET);
        assertThat(firstBreak.seq()).isEqualTo(3);
        assertThat(firstBreak.offset()).isEqualTo(2);
        assertThat(firstBreak.problem()).contains("prev_hash of seq 3 is not the SHA-256 of seq 2 at partition 0 offset 1");
    }

    @Test
    void aDeletedRecordIsNamedAsMissing() {
        List<byte[]> records = chain(SECRET, 4);
        records.remove(1);

        ChainBreak firstBreak = verify(null, records).firstBreak();

        assertThat(firstBreak.kind()).isEqualTo(ChainBreak.Kind.MISSING);
        assertThat(firstBreak.seq()).isEqualTo(3);
        assertThat(firstBreak.problem()).contains("seq 3 follows seq 1: seq 2 is missing");
    }

    @Test
    void swappedRecordsAreNamedAsReordered() {
        List<byte[]> records = chain(SECRET, 4);
        byte[] second = records.get(1);
        records.set(1, records.get(2));
        records.set(2, second);

        ChainBreak firstBreak = verify(null, records).firstBreak();

        assertThat(firstBreak.kind()).isEqualTo(ChainBreak.Kind.REORDERED);
        assertThat(firstBreak.seq()).isEqualTo(3);
        assertThat(firstBreak.offset()).isEqualTo(1);
        assertThat(firstBreak.problem()).contains("seq 3 comes before seq 2");
    }

    @Test
    void aSecondVersionOfAPositionIsNotAReplay() {
        List<byte[]> records = chain(SECRET, 2);
        records.add(utf8(new String(records.get(1), StandardCharsets.UTF_8).replace("e-2", "e-forged")));

        ChainBreak firstBreak = verify(null, records).firstBreak();

        assertThat(firstBreak.kind()).isEqualTo(ChainBreak.Kind.CONFLICTING_COPY);
        assertThat(firstBreak.offset()).isEqualTo(2);
    }

    @Test
    void aRecordWithoutChainFieldsIsABreak() {
        List<byte[]> records = chain(SECRET, 1);
        records.add(utf8("not json"));

        ChainVerification result = verify(null, records);

        assertThat(result.intact()).isFalse();
        assertThat(result.firstBreak().kind()).isEqualTo(ChainBreak.Kind.UNREADABLE);
        assertThat(result.firstBreak().offset()).isEqualTo(1);
    }

    @Test
    void oneSecretIsCheckedAloneAndOthersBreaksDoNotCount() {
        List<byte[]> broken = chain("db/billing", 3);
        broken.remove(0);

        ChainVerification result = verify(SECRET, chain(SECRET, 2), broken);

        assertThat(result.intact()).isTrue();
        assertThat(result.records()).isEqualTo(2);
        assertThat(result.secrets()).isEqualTo(1);
        assertThat(verify("db/billing", broken).firstBreak().kind()).isEqualTo(ChainBreak.Kind.MISSING);
    }

    /** Records as the audit wrote them before the key: seq 1..n, each prev_hash the hash of the exact bytes before. */
    private static List<byte[]> chain(String secretId, int length) {
        List<byte[]> records = new ArrayList<>();
        String prevHash = AuditChain.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            byte[] record = record(secretId, seq, prevHash, null);
            records.add(record);
            prevHash = AuditChain.hashOf(record);
        }
        return records;
    }

    /** Records as the audit writes them: seq 1..n, each prev_hash the keyed link of the record before. */
    private static List<byte[]> keyedChain(String secretId, int length) {
        List<byte[]> records = new ArrayList<>();
        String previousDigest = AuditChain.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            byte[] record = record(secretId, seq, AuditChain.keyedLink(KEY, secretId, previousDigest), ChainKey.ALGORITHM);
            records.add(record);
            previousDigest = AuditChain.hashOf(record);
        }
        return records;
    }

    private static byte[] record(String secretId, long seq, String prevHash, String alg) {
        return utf8("{\"@timestamp\":\"2026-11-01T10:00:0" + seq + "Z\",\"event\":{\"id\":\"e-" + seq
                + "\",\"outcome\":\"success\"},\"rotor\":{\"secret\":{\"id\":\"" + secretId + "\"},\"chain\":{\"seq\":" + seq
                + ",\"prev_hash\":\"" + prevHash + "\"" + (alg == null ? "" : ",\"alg\":\"" + alg + "\"") + "}}}");
    }

    private static byte[] checkpoint(ChainKey key, Map<String, ChainLink> chains) {
        return utf8(Checkpoint.signed(key, 0, AT, chains).toJson());
    }

    /** Each list is one partition, read by offset. */
    @SafeVarargs
    private static ChainVerification verify(String onlySecretId, List<byte[]>... partitions) {
        return verifyWithCheckpoints(onlySecretId, List.of(), partitions);
    }

    /** The checkpoints (one partition of rotation.audit.checkpoints) first, as the reader feeds them. */
    @SafeVarargs
    private static ChainVerification verifyWithCheckpoints(String onlySecretId, List<byte[]> checkpoints, List<byte[]>... partitions) {
        ChainVerifier verifier = new ChainVerifier(onlySecretId, KEY);
        for (int offset = 0; offset < checkpoints.size(); offset++) {
            verifier.acceptCheckpoint("0", 0, offset, checkpoints.get(offset));
        }
        for (int partition = 0; partition < partitions.length; partition++) {
            List<byte[]> records = partitions[partition];
            for (int offset = 0; offset < records.size(); offset++) {
                verifier.accept(null, partition, offset, records.get(offset));
            }
        }
        return verifier.result();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
