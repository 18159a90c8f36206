package dev.rotor.audit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.audit.RotationEvents;
import dev.rotor.audit.chain.AuditChain;
import dev.rotor.schema.RotationIncomplete;
import dev.rotor.schema.SecretStatus;

/** The hash chain on rotation.audit, and that a replay of the same input gives the same output. */
class AuditChainTopologyTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

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
            assertChained(orders);
            assertChained(billing);
        }
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

    private static void assertChained(List<String> records) throws Exception {
        String expectedPrevious = AuditChain.GENESIS;
        for (int i = 0; i < records.size(); i++) {
            var record = JSON.readTree(records.get(i));
            assertThat(record.at(AuditChain.SEQ_POINTER).asLong()).isEqualTo(i + 1);
            assertThat(record.at(AuditChain.PREV_HASH_POINTER).asText()).isEqualTo(expectedPrevious);
            expectedPrevious = HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(records.get(i).getBytes(StandardCharsets.UTF_8)));
        }
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
