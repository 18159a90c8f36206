package dev.rotor.audit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.audit.RotationEvents;
import dev.rotor.audit.chain.AuditChain;
import dev.rotor.audit.chain.ChainKey;
import dev.rotor.audit.chain.ChainLink;
import dev.rotor.audit.chain.Checkpoint;
import dev.rotor.audit.verify.ChainBreak;
import dev.rotor.audit.verify.ChainVerification;
import dev.rotor.audit.verify.ChainVerifier;
import dev.rotor.schema.RotationIncomplete;
import dev.rotor.schema.SecretStatus;

/** The keyed chain on rotation.audit and its checkpoints, and that a replay of the same input gives the same output. */
class AuditChainTopologyTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final byte[] AUDIT_DRIVER_KEY = "audit-driver-chain-key-32-bytes!".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path firstRun;
    @TempDir
    Path replay;

    @Test
    void eachRecordCarriesItsSequenceAndTheHashOfThePreviousRecordsExactBytes() throws Exception {
        List<SpecificRecord> input = input();
        try (AuditDriver audit = new AuditDriver(firstRun, T0)) {
            input.forEach(audit::publish);
            List<KeyValue<String, String>> records = audit.audit.readKeyValuesToList();

            List<String> orders = records.stream().filter(r -> r.key.equals("db/orders")).map(r -> r.value).toList();
            List<String> billing = records.stream().filter(r -> r.key.equals("db/billing")).map(r -> r.value).toList();
            assertThat(orders).hasSize(4);
            assertThat(billing).hasSize(2);
            assertChained("db/orders", orders);
            assertChained("db/billing", billing);
        }
    }

    @Test
    void afterTheIntervalACheckpointSignsTheEndOfEveryChainOfThePartitionAndOnlyWhenSomethingChanged() {
        try (AuditDriver audit = new AuditDriver(firstRun, T0)) {
            input().forEach(audit::publish);
            List<String> records = audit.audit.readValuesToList();
            assertThat(audit.checkpoints.isEmpty()).as("none before the interval").isTrue();

            audit.advanceWallClock(AuditDriver.SETTINGS.checkpointInterval());
            List<KeyValue<String, String>> written = audit.checkpoints.readKeyValuesToList();

            assertThat(written).hasSize(1);
            assertThat(written.get(0).key).as("the task's partition").isEqualTo("0");
            Checkpoint checkpoint = Checkpoint.fromJson(utf8(written.get(0).value));
            assertThat(checkpoint.isSignedBy(AuditDriver.CHAIN_KEY)).isTrue();
            assertThat(checkpoint.isSignedBy(ChainKey.of(ChainKey.randomBytes()))).isFalse();
            assertThat(checkpoint.partition()).isZero();
            assertThat(checkpoint.chains()).containsExactly(
                    Map.entry("db/billing", new ChainLink(2, AuditChain.hashOf(records.get(4)))),
                    Map.entry("db/orders", new ChainLink(4, AuditChain.hashOf(records.get(5)))));

            audit.advanceWallClock(AuditDriver.SETTINGS.checkpointInterval());
            assertThat(audit.checkpoints.isEmpty()).as("nothing written since").isTrue();

            audit.publish(new RotationEvents("db/billing", "rotation-2").completed(T0.plusSeconds(4), 2));
            audit.advanceWallClock(AuditDriver.SETTINGS.checkpointInterval());
            assertThat(Checkpoint.fromJson(utf8(audit.checkpoints.readValue())).chains().get("db/billing").seq()).isEqualTo(3);
        }
    }

    @Test
    void whatTheTopologyWritesVerifiesWithItsKeyAndCheckpointsAndWithNoOtherKey() {
        try (AuditDriver audit = new AuditDriver(firstRun, T0)) {
            input().forEach(audit::publish);
            audit.advanceWallClock(AuditDriver.SETTINGS.checkpointInterval());
            List<KeyValue<String, String>> records = audit.audit.readKeyValuesToList();
            List<String> checkpoints = audit.checkpoints.readValuesToList();

            ChainVerification withKey = verify(AuditDriver.CHAIN_KEY, checkpoints, records);
            assertThat(withKey.intact()).as("%s", withKey).isTrue();
            assertThat(withKey.keyed()).isTrue();
            assertThat(withKey.checkpoints()).isEqualTo(1);
            assertThat(withKey.records()).isEqualTo(6);

            ChainVerification withAnother = verify(ChainKey.of(ChainKey.randomBytes()), checkpoints, records);
            assertThat(withAnother.breaks()).extracting(ChainBreak::kind)
                    .containsExactly(ChainBreak.Kind.FORGED, ChainBreak.Kind.FORGED, ChainBreak.Kind.FORGED);
        }
    }

    private static ChainVerification verify(ChainKey key, List<String> checkpoints, List<KeyValue<String, String>> records) {
        ChainVerifier verifier = new ChainVerifier(null, key);
        for (int offset = 0; offset < checkpoints.size(); offset++) {
            verifier.acceptCheckpoint("0", 0, offset, utf8(checkpoints.get(offset)));
        }
        for (int offset = 0; offset < records.size(); offset++) {
            verifier.accept(records.get(offset).key, 0, offset, utf8(records.get(offset).value));
        }
        return verifier.result();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void replayingTheSameEventsGivesIdenticalOutputs() {
        List<SpecificRecord> input = input();
        Outputs first = run(firstRun, input);
        Outputs second = run(replay, input);

        assertThat(second.audit()).isEqualTo(first.audit());
        assertThat(second.status()).isEqualTo(first.status());
        assertThat(second.incomplete()).isEqualTo(first.incomplete());
        assertThat(first.incomplete()).as("the unfinished billing rotation").hasSize(1);
    }

    /** Each prev_hash is the HMAC-SHA256, under the key, of the secret and the SHA-256 of the exact bytes before. */
    private static void assertChained(String secretId, List<String> records) throws Exception {
        String previousDigest = AuditChain.GENESIS;
        for (int i = 0; i < records.size(); i++) {
            var record = JSON.readTree(records.get(i));
            assertThat(record.at(AuditChain.SEQ_POINTER).asLong()).isEqualTo(i + 1);
            assertThat(record.at(AuditChain.ALG_POINTER).asText()).isEqualTo("HMAC-SHA256");
            assertThat(record.at(AuditChain.PREV_HASH_POINTER).asText()).isEqualTo(hmacSha256(AUDIT_DRIVER_KEY,
                    "rotor.audit.link\n" + secretId.length() + ":" + secretId + "\n" + previousDigest));
            previousDigest = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(records.get(i).getBytes(StandardCharsets.UTF_8)));
        }
    }

    /** Computed here with the JDK rather than ChainKey, so that the test pins the algorithm a SIEM would re-implement. */
    private static String hmacSha256(byte[] key, String message) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
    }

    private record Outputs(List<KeyValue<String, String>> audit, List<KeyValue<String, SecretStatus>> status,
            List<KeyValue<String, RotationIncomplete>> incomplete) {
    }

    private static Outputs run(Path stateDir, List<SpecificRecord> input) {
        try (AuditDriver audit = new AuditDriver(stateDir, T0)) {
            input.forEach(audit::publish);
            audit.publish(StalenessTopologyTest.registration("db/orders", "P30D", null, null));
            audit.advanceWallClock(Duration.ofHours(1));
            return new Outputs(audit.audit.readKeyValuesToList(), audit.status.readKeyValuesToList(),
                    audit.incomplete.readKeyValuesToList());
        }
    }

    private static List<SpecificRecord> input() {
        RotationEvents orders = new RotationEvents("db/orders", "rotation-1");
        RotationEvents billing = new RotationEvents("db/billing", "rotation-2");
        return List.of(
                orders.requested(T0, "alice"), billing.requested(T0.plusMillis(1), "bob"),
                orders.updated(T0.plusSeconds(1), 3), orders.verified(T0.plusSeconds(2)),
                billing.updated(T0.plusSeconds(2), 1),
                orders.completed(T0.plusSeconds(3), 4));
    }
}
