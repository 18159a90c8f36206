package dev.rotor.audit;

import static dev.rotor.audit.Caller.asAuditor;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rotor.audit.chain.AuditChain;
import dev.rotor.audit.chain.ChainKey;
import dev.rotor.audit.chain.ChainLink;
import dev.rotor.audit.chain.Checkpoint;
import dev.rotor.audit.mapping.AuditRecordMapper;
import dev.rotor.audit.mapping.LifecycleEventMapper;
import dev.rotor.contract.Topics;
import dev.rotor.stack.testing.RotorStack;
import dev.rotor.stack.testing.RotorStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The keyed chain against the real stack: the key from the dev Vault, records and checkpoints written
 * by the running audit, and {@code GET /api/audit/verify} reading the real topics. Each test tampers
 * with one secret of its own, as someone who can write rotation.audit but does not hold the key could,
 * and asserts the verdict for that secret.
 */
@QuarkusTest
@QuarkusTestResource(RotorStackResource.class)
class AuditChainIT {

    private static final Duration PIPELINE_WAIT = Duration.ofSeconds(90);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    ChainKey key;

    @Test
    void theAuditsRecordsVerifyAsKeyed() throws Exception {
        RotationEvents rotation = RotationEvents.rotation("db/keyed-" + UUID.randomUUID());
        publishRotation(rotation);

        awaitRecords(rotation.secretId(), 4);
        asAuditor().queryParam("secretId", rotation.secretId()).get("/api/audit/verify")
                .then().statusCode(200)
                .body("intact", equalTo(true))
                .body("keyed", equalTo(true))
                .body("unkeyedRecords", equalTo(0))
                .body("breaks", hasSize(0));
    }

    @Test
    void aRecordAppendedWithAHashMadeWithoutTheKeyIsForged() throws Exception {
        RotationEvents rotation = RotationEvents.rotation("db/forged-" + UUID.randomUUID());
        publishRotation(rotation);
        awaitRecords(rotation.secretId(), 4);

        // The attacker writes valid JSON at the next position, linked by the only hash they can compute: SHA-256.
        byte[] last = recordsOf(rotation.secretId()).get(3).value();
        ObjectNode forged = (ObjectNode) JSON.readTree(last);
        forged.withObjectProperty("rotor").withObjectProperty("chain").put("seq", 5).put("prev_hash", AuditChain.hashOf(last)).put("alg", ChainKey.ALGORITHM);
        forged.withObjectProperty("event").put("action", "secret.rotation.completed");
        StackEvents.publishRaw(Topics.ROTATION_AUDIT, rotation.secretId(), JSON.writeValueAsBytes(forged));

        asAuditor().queryParam("secretId", rotation.secretId()).get("/api/audit/verify")
                .then().statusCode(200)
                .body("intact", equalTo(false))
                .body("firstBreak.secretId", equalTo(rotation.secretId()))
                .body("firstBreak.kind", equalTo("FORGED"))
                .body("firstBreak.seq", equalTo(5))
                .body("firstBreak.problem", containsString("does not verify with the chain key"))
                .body("breaks", hasSize(1));
    }

    /**
     * A record removed from the middle of a chain. Kafka cannot delete one record in place, and
     * re-creating rotation.audit under the running audit would disturb every other test; so this test
     * writes, for a secret of its own, exactly what the topic holds once record 2 is gone: records 1
     * and 3 as the audit makes them (its mapper and its key), record 2 never published.
     */
    @Test
    void aRecordDroppedFromTheChainIsNamedAsMissing() throws Exception {
        RotationEvents rotation = RotationEvents.rotation("db/dropped-" + UUID.randomUUID());
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        List<SpecificRecord> events = List.of(rotation.requested(start, "alice"), rotation.updated(start.plusMillis(100), 3),
                rotation.verified(start.plusMillis(200)));
        ChainLink end = ChainLink.genesis();
        for (int i = 0; i < events.size(); i++) {
            String record = AuditRecordMapper.toJson(LifecycleEventMapper.fromAvro(events.get(i)), end, key);
            end = end.next(record);
            if (i != 1) {
                StackEvents.publishRaw(Topics.ROTATION_AUDIT, rotation.secretId(), record.getBytes(StandardCharsets.UTF_8));
            }
        }

        asAuditor().queryParam("secretId", rotation.secretId()).get("/api/audit/verify")
                .then().statusCode(200)
                .body("intact", equalTo(false))
                .body("keyed", equalTo(true))
                .body("firstBreak.secretId", equalTo(rotation.secretId()))
                .body("firstBreak.kind", equalTo("MISSING"))
                .body("firstBreak.seq", equalTo(3))
                .body("firstBreak.problem", containsString("seq 2 is missing"));
    }

    /**
     * The audit's own checkpoint vouches for the secret's four records; then every record of its
     * partition is deleted ({@code Admin#deleteRecords}, what kafka-delete-records.sh does), so the
     * topic ends before what the checkpoint vouches for. Without checkpoints this passed as intact.
     */
    @Test
    void recordsGoneFromATopicThatACheckpointVouchesForAreTruncated() throws Exception {
        RotationEvents rotation = RotationEvents.rotation("db/truncated-" + UUID.randomUUID());
        publishRotation(rotation);
        awaitRecords(rotation.secretId(), 4);
        await().atMost(PIPELINE_WAIT).pollInterval(Duration.ofMillis(500))
                .until(() -> vouchedSeq(rotation.secretId()) == 4);

        ConsumerRecord<String, byte[]> last = recordsOf(rotation.secretId()).get(3);
        try (Admin admin = Admin.create(RotorStack.kafka().administratorSettings())) {
            TopicPartition partition = new TopicPartition(Topics.ROTATION_AUDIT, last.partition());
            admin.deleteRecords(Map.of(partition, RecordsToDelete.beforeOffset(last.offset() + 1))).all().get();
        }

        asAuditor().queryParam("secretId", rotation.secretId()).get("/api/audit/verify")
                .then().statusCode(200)
                .body("intact", equalTo(false))
                .body("records", equalTo(0))
                .body("firstBreak.secretId", equalTo(rotation.secretId()))
                .body("firstBreak.kind", equalTo("TRUNCATED"))
                .body("firstBreak.seq", equalTo(4))
                .body("firstBreak.problem", containsString("seq 1 to 4 are gone"));
    }

    private static void publishRotation(RotationEvents rotation) throws Exception {
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StackEvents.publish(rotation.requested(start, "alice"), rotation.updated(start.plusMillis(100), 3),
                rotation.verified(start.plusMillis(200)), rotation.completed(start.plusMillis(300), 4));
    }

    private static void awaitRecords(String secretId, int records) {
        await().atMost(PIPELINE_WAIT).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> asAuditor().queryParam("secretId", secretId).get("/api/audit/verify")
                        .then().statusCode(200).body("records", equalTo(records)).body("firstBreak", nullValue()));
    }

    private static List<ConsumerRecord<String, byte[]>> recordsOf(String secretId) {
        return StackEvents.readAll(Topics.ROTATION_AUDIT).stream().filter(record -> secretId.equals(record.key())).toList();
    }

    /** The highest seq of the secret that a checkpoint signed with the key vouches for; 0 when none. */
    private long vouchedSeq(String secretId) {
        return StackEvents.readAll(Topics.ROTATION_AUDIT_CHECKPOINTS).stream()
                .map(record -> Checkpoint.fromJson(record.value()))
                .filter(checkpoint -> checkpoint.isSignedBy(key))
                .map(checkpoint -> checkpoint.chains().get(secretId))
                .filter(end -> end != null)
                .mapToLong(ChainLink::seq)
                .max().orElse(0);
    }
}
