package dev.rotor.audit.verify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.rotor.audit.chain.AuditChain;

/** The chain check over hand-built rotation.audit records: what passes, and how each kind of tampering is named. */
class ChainVerifierTest {

    private static final String SECRET = "db/orders-app";

    @Test
    void anUnbrokenChainIsIntact() {
        ChainVerification result = verify(null, chain(SECRET, 4), chain("db/billing", 2));

        assertThat(result.intact()).isTrue();
        assertThat(result.records()).isEqualTo(6);
        assertThat(result.secrets()).isEqualTo(2);
        assertThat(result.replayedCopies()).isZero();
        assertThat(result.firstBreak()).isNull();
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

    /** Records as the audit writes them: seq 1..n, each prev_hash the hash of the exact bytes before. */
    private static List<byte[]> chain(String secretId, int length) {
        List<byte[]> records = new ArrayList<>();
        String prevHash = AuditChain.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            byte[] record = utf8("{\"@timestamp\":\"2026-11-01T10:00:0" + seq + "Z\",\"event\":{\"id\":\"e-" + seq
                    + "\",\"outcome\":\"success\"},\"rotor\":{\"secret\":{\"id\":\"" + secretId + "\"},\"chain\":{\"seq\":" + seq
                    + ",\"prev_hash\":\"" + prevHash + "\"}}}");
            records.add(record);
            prevHash = AuditChain.hashOf(record);
        }
        return records;
    }

    /** Each list is one partition, read by offset. */
    @SafeVarargs
    private static ChainVerification verify(String onlySecretId, List<byte[]>... partitions) {
        ChainVerifier verifier = new ChainVerifier(onlySecretId);
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
