package dev.rotor.audit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.audit.RotationEvents;
import dev.rotor.audit.domain.EventType;
import dev.rotor.audit.domain.LifecycleEvent;
import dev.rotor.audit.domain.RotationState;
import dev.rotor.audit.domain.RotationTimeline;
import dev.rotor.audit.domain.SecretState;
import dev.rotor.contract.Topics;
import dev.rotor.schema.RotationFailureReason;
import dev.rotor.schema.RotationOutcome;
import dev.rotor.schema.RotationRequested;
import dev.rotor.schema.SecretStatus;

class TopologyTest {

    private static final String SECRET = "db/orders-app";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path stateDir;

    private AuditDriver audit;

    @BeforeEach
    void startDriver() {
        audit = new AuditDriver(stateDir, T0);
    }

    @AfterEach
    void closeDriver() {
        audit.close();
    }

    @Test
    void aSuccessfulRotationIsAuditedStepByStepAndCompletesTheSecret() throws Exception {
        RotationEvents rotation = RotationEvents.rotation(SECRET);
        RotationRequested requested = rotation.requested(T0, "alice");

        publish(requested);
        assertThat(audit.status.readValuesToList()).last().satisfies(inFlight -> {
            assertThat(inFlight.getLastOutcome()).isEqualTo(RotationOutcome.IN_FLIGHT);
            assertThat(inFlight.getInFlightRotationId()).isEqualTo(rotation.rotationId());
        });
        publish(rotation.updated(T0.plusSeconds(1), 3));
        publish(rotation.verified(T0.plusSeconds(2)));
        publish(rotation.completed(T0.plusSeconds(3), 4));

        List<JsonNode> records = auditRecords(SECRET);
        assertThat(records).extracting(r -> r.at("/event/action").asText()).containsExactly(
                "secret.rotation.requested", "secret.updated", "secret.verification.succeeded", "secret.rotation.completed");
        assertThat(records).extracting(r -> r.at("/event/outcome").asText()).containsExactly("unknown", "success", "success", "success");
        assertThat(records).allSatisfy(r -> {
            assertThat(r.at("/event/category/0").asText()).isEqualTo("iam");
            assertThat(r.at("/rotor/secret/id").asText()).isEqualTo(SECRET);
            assertThat(r.at("/rotor/rotation/id").asText()).isEqualTo(rotation.rotationId());
        });
        JsonNode request = records.get(0);
        assertThat(request.get("@timestamp").asText()).isEqualTo("2025-03-01T10:00:00Z");
        assertThat(request.at("/event/id").asText()).isEqualTo(requested.getEventId().toString());
        assertThat(request.at("/user/name").asText()).isEqualTo("alice");
        assertThat(request.at("/rotor/reason").asText()).isEqualTo("MANUAL");
        JsonNode completion = records.get(3);
        assertThat(completion.at("/rotor/store/version/previous").asInt()).isEqualTo(3);
        assertThat(completion.at("/rotor/store/version/new").asInt()).isEqualTo(4);
        assertThat(completion.has("user")).as("no initiator on a rotator's event").isFalse();

        SecretStatus finished = latestStatus();
        assertThat(finished.getLastOutcome()).isEqualTo(RotationOutcome.COMPLETED);
        assertThat(finished.getLastRotationId()).isEqualTo(rotation.rotationId());
        assertThat(finished.getLastSuccessAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(finished.getInFlightRotationId()).isNull();
        assertThat(finished.getStoreVersion()).isEqualTo(4);

        RotationTimeline timeline = timeline(rotation.rotationId());
        assertThat(timeline.events()).extracting(LifecycleEvent::type).containsExactly(
                EventType.ROTATION_REQUESTED, EventType.SECRET_UPDATED, EventType.VERIFICATION_SUCCEEDED, EventType.ROTATION_COMPLETED);
        assertThat(timeline.state()).isEqualTo(RotationState.COMPLETED);
    }

    @Test
    void aFailedVerificationThatIsRolledBackLeavesTheLastSuccessAlone() throws Exception {
        RotationEvents earlier = RotationEvents.rotation(SECRET);
        publish(earlier.requested(T0, "scheduler"));
        publish(earlier.completed(T0.plusSeconds(5), 4));

        RotationEvents rotation = RotationEvents.rotation(SECRET);
        Instant start = T0.plus(Duration.ofDays(30));
        publish(rotation.requested(start, "scheduler"));
        publish(rotation.updated(start.plusSeconds(1), 4));
        publish(rotation.verificationFailed(start.plusSeconds(2)));
        publish(rotation.rollbackRequested(start.plusSeconds(3)));
        publish(rotation.rolledBack(start.plusSeconds(4), 4));

        List<JsonNode> records = auditRecords(SECRET).subList(2, 7);
        assertThat(records).extracting(r -> r.at("/event/action").asText()).containsExactly(
                "secret.rotation.requested", "secret.updated", "secret.verification.failed", "secret.rollback.requested",
                "secret.rotation.rolled_back");
        assertThat(records).extracting(r -> r.at("/event/outcome").asText())
                .containsExactly("unknown", "success", "failure", "unknown", "success");
        JsonNode verificationFailed = records.get(2);
        assertThat(verificationFailed.at("/rotor/failure/category").asText()).isEqualTo("AUTH_FAILED");
        assertThat(verificationFailed.at("/rotor/verification/attempts").asInt()).isEqualTo(3);
        assertThat(records.get(3).at("/user/name").asText()).isEqualTo("scheduler");
        assertThat(records.get(3).at("/rotor/cause").asText()).isEqualTo("verification failed: AUTH_FAILED");

        SecretStatus rolledBack = latestStatus();
        assertThat(rolledBack.getLastOutcome()).isEqualTo(RotationOutcome.ROLLED_BACK);
        assertThat(rolledBack.getLastRotationId()).isEqualTo(rotation.rotationId());
        assertThat(rolledBack.getLastSuccessAt()).as("the earlier rotation's completion").isEqualTo(T0.plusSeconds(5));
        assertThat(rolledBack.getStoreVersion()).isEqualTo(4);
        assertThat(rolledBack.getInFlightRotationId()).isNull();
        assertThat(timeline(rotation.rotationId()).terminal()).contains(EventType.ROTATION_ROLLED_BACK);
    }

    @Test
    void aRotationThatFailedBeforeChangingAnythingIsAFailure() throws Exception {
        RotationEvents rotation = RotationEvents.rotation(SECRET);
        publish(rotation.requested(T0, "alice"));
        publish(rotation.failed(T0.plusMillis(300), RotationFailureReason.TARGET_UNREACHABLE));

        JsonNode failure = auditRecords(SECRET).get(1);
        assertThat(failure.at("/event/action").asText()).isEqualTo("secret.rotation.failed");
        assertThat(failure.at("/event/outcome").asText()).isEqualTo("failure");
        assertThat(failure.at("/rotor/failure/category").asText()).isEqualTo("TARGET_UNREACHABLE");
        assertThat(failure.get("@timestamp").asText()).isEqualTo("2025-03-01T10:00:00.300Z");

        SecretStatus failed = latestStatus();
        assertThat(failed.getLastOutcome()).isEqualTo(RotationOutcome.FAILED);
        assertThat(failed.getLastSuccessAt()).isNull();
        assertThat(failed.getInFlightRotationId()).isNull();
    }

    @Test
    void aRedeliveredEventIsAuditedOnce() throws Exception {
        RotationEvents rotation = RotationEvents.rotation(SECRET);
        RotationRequested requested = rotation.requested(T0, "alice");
        publish(requested);
        publish(rotation.updated(T0.plusSeconds(1), 3));
        publish(requested);
        // A step repeated after a crash: a new record, the same eventId.
        publish(rotation.updated(T0.plusSeconds(9), 3));

        assertThat(auditRecords(SECRET)).extracting(r -> r.at("/event/action").asText())
                .containsExactly("secret.rotation.requested", "secret.updated");
        assertThat(timeline(rotation.rotationId()).events()).hasSize(2);
    }

    @Test
    void aTerminalThatArrivesBeforeItsRequestStaysTheOutcome() throws Exception {
        RotationEvents rotation = RotationEvents.rotation(SECRET);
        publish(rotation.completed(T0.plusSeconds(3), 4));
        publish(rotation.updated(T0.plusSeconds(1), 3));
        publish(rotation.requested(T0, "alice"));

        SecretStatus completed = latestStatus();
        assertThat(completed.getLastOutcome()).isEqualTo(RotationOutcome.COMPLETED);
        assertThat(completed.getLastSuccessAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(completed.getInFlightRotationId()).isNull();
        assertThat(completed.getStoreVersion()).isEqualTo(4);

        RotationTimeline timeline = timeline(rotation.rotationId());
        assertThat(timeline.events()).extracting(LifecycleEvent::type)
                .containsExactly(EventType.ROTATION_REQUESTED, EventType.SECRET_UPDATED, EventType.ROTATION_COMPLETED);
        assertThat(timeline.state()).isEqualTo(RotationState.COMPLETED);
    }

    @Test
    void anUnreadableRecordIsSkippedAndTheAuditGoesOn() throws Exception {
        audit.publishRaw(Topics.ROTATION_REQUESTED, SECRET, "not avro at all".getBytes(StandardCharsets.UTF_8));
        RotationEvents rotation = RotationEvents.rotation(SECRET);
        publish(rotation.requested(T0, "alice"));

        assertThat(auditRecords(SECRET)).extracting(r -> r.at("/rotor/rotation/id").asText()).containsExactly(rotation.rotationId());
        assertThat(secretState(SECRET).lastOutcome()).isEqualTo(RotationState.IN_FLIGHT);
    }

    private void publish(SpecificRecord event) {
        audit.publish(event);
    }

    private List<JsonNode> auditRecords(String secretId) throws Exception {
        List<JsonNode> records = new ArrayList<>();
        for (KeyValue<String, String> record : audit.audit.readKeyValuesToList()) {
            assertThat(record.key).isEqualTo(secretId);
            records.add(JSON.readTree(record.value));
        }
        return records;
    }

    private SecretStatus latestStatus() {
        return audit.latestStatus();
    }

    private RotationTimeline timeline(String rotationId) {
        return audit.timeline(rotationId);
    }

    private SecretState secretState(String secretId) {
        return audit.secretState(secretId);
    }
}
