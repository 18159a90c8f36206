package dev.rotor.audit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rotor.audit.RotationEvents;
import dev.rotor.audit.domain.EventType;
import dev.rotor.audit.domain.FindingKind;
import dev.rotor.audit.domain.IncompletenessFinding;
import dev.rotor.audit.domain.RotationState;
import dev.rotor.audit.domain.RotationTimeline;
import dev.rotor.schema.IncompletenessKind;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationFailureReason;
import dev.rotor.schema.RotationIncomplete;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import dev.rotor.schema.SecretUpdated;

/** The completeness state machine through the topology: every branch, any arrival order, every finding and its resolution. */
class CompletenessTopologyTest {

    private static final String SECRET = "db/orders-app";
    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");
    /** Longer than any deadline or grace period of these tests. */
    private static final Duration LONG_AFTER = Duration.ofHours(2);

    @TempDir
    Path stateDir;

    private AuditDriver audit;
    private RotationEvents rotation;

    @BeforeEach
    void start() {
        audit = new AuditDriver(stateDir, T0);
        rotation = RotationEvents.rotation(SECRET);
    }

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void everyBranchThatEndsProperlyLeavesNoFinding() {
        RotationEvents completed = RotationEvents.rotation(SECRET);
        RotationEvents rolledBack = RotationEvents.rotation(SECRET);
        RotationEvents rollbackFailed = RotationEvents.rotation(SECRET);
        RotationEvents failed = RotationEvents.rotation(SECRET);
        publishAll(completed.requested(T0, "alice"), completed.updated(T0.plusSeconds(1), 3), completed.verified(T0.plusSeconds(2)),
                completed.completed(T0.plusSeconds(3), 4));
        publishAll(rolledBack.requested(T0, "alice"), rolledBack.updated(T0.plusSeconds(1), 4),
                rolledBack.verificationFailed(T0.plusSeconds(2)), rolledBack.rollbackRequested(T0.plusSeconds(3)),
                rolledBack.rolledBack(T0.plusSeconds(4), 4));
        publishAll(rollbackFailed.requested(T0, "alice"), rollbackFailed.updated(T0.plusSeconds(1), 4),
                rollbackFailed.verificationFailed(T0.plusSeconds(2)), rollbackFailed.rollbackRequested(T0.plusSeconds(3)),
                rollbackFailed.rollbackFailed(T0.plusSeconds(4)));
        publishAll(failed.requested(T0, "alice"), failed.failed(T0.plusSeconds(1), RotationFailureReason.TARGET_UNREACHABLE));

        audit.advanceWallClock(LONG_AFTER);

        assertThat(audit.incomplete.readValuesToList()).isEmpty();
        assertThat(audit.timeline(completed.rotationId()).state()).isEqualTo(RotationState.COMPLETED);
        assertThat(audit.timeline(completed.rotationId()).provenSteps()).contains(EventType.VERIFICATION_SUCCEEDED);
        assertThat(audit.timeline(rolledBack.rotationId()).state()).isEqualTo(RotationState.ROLLED_BACK);
        assertThat(audit.timeline(rollbackFailed.rotationId()).state()).isEqualTo(RotationState.ROLLBACK_FAILED);
        assertThat(audit.timeline(failed.rotationId()).state()).isEqualTo(RotationState.FAILED);
        assertThat(audit.incompleteRotationIds()).isEmpty();
    }

    @Test
    void anyArrivalOrderGivesTheSameTimelineAndNoFinding() {
        List<SpecificRecord> steps = new ArrayList<>(List.of(rotation.requested(T0, "alice"), rotation.updated(T0.plusSeconds(1), 4),
                rotation.verificationFailed(T0.plusSeconds(2)), rotation.rollbackRequested(T0.plusSeconds(3)),
                rotation.rolledBack(T0.plusSeconds(4), 4)));
        Collections.shuffle(steps, new Random(7));
        steps.forEach(audit::publish);
        audit.advanceWallClock(Duration.ofMinutes(1));
        audit.publish(steps.get(0));

        audit.advanceWallClock(LONG_AFTER);

        RotationTimeline timeline = audit.timeline(rotation.rotationId());
        assertThat(timeline.events()).extracting(event -> event.type()).containsExactly(EventType.ROTATION_REQUESTED,
                EventType.SECRET_UPDATED, EventType.VERIFICATION_FAILED, EventType.ROLLBACK_REQUESTED, EventType.ROTATION_ROLLED_BACK);
        assertThat(timeline.findings()).isEmpty();
        assertThat(audit.incomplete.readValuesToList()).isEmpty();
    }

    @Test
    void aPredecessorArrivingWithinTheGraceIsNoFinding() {
        audit.publish(rotation.completed(T0.plusSeconds(3), 4));
        audit.advanceWallClock(Duration.ofSeconds(90));
        publishAll(rotation.verified(T0.plusSeconds(2)), rotation.updated(T0.plusSeconds(1), 3), rotation.requested(T0, "alice"));

        audit.advanceWallClock(LONG_AFTER);

        assertThat(audit.incomplete.readValuesToList()).isEmpty();
        assertThat(audit.timeline(rotation.rotationId()).gapNoticedAt()).isNull();
    }

    @Test
    void aPredecessorMissingAfterTheGraceIsReportedAndResolvedWhenItArrives() {
        publishAll(rotation.requested(T0, "alice"), rotation.updated(T0.plusSeconds(1), 3), rotation.completed(T0.plusSeconds(3), 4));
        audit.advanceWallClock(Duration.ofSeconds(60));
        assertThat(audit.incomplete.readValuesToList()).as("within the grace").isEmpty();

        audit.advanceWallClock(Duration.ofSeconds(90));

        RotationIncomplete finding = single(audit.incomplete.readValuesToList());
        assertThat(finding.getKind()).isEqualTo(IncompletenessKind.MISSING_PREDECESSOR);
        assertThat(finding.getResolved()).isFalse();
        assertThat(finding.getDetail()).contains("RotationCompleted arrived but [VerificationSucceeded]");
        assertThat(finding.getSecretId()).isEqualTo(SECRET);
        assertThat(finding.getLastEventType()).isEqualTo("RotationCompleted");
        assertThat(finding.getEventId().toString())
                .isEqualTo(IncompletenessFinding.eventIdOf(rotation.rotationId(), FindingKind.MISSING_PREDECESSOR, false));
        assertThat(audit.incompleteRotationIds()).containsExactly(rotation.rotationId());
        assertThat(audit.timeline(rotation.rotationId()).isIncomplete()).isTrue();

        audit.publish(rotation.verified(T0.plusSeconds(2)));

        RotationIncomplete resolution = single(audit.incomplete.readValuesToList());
        assertThat(resolution.getKind()).isEqualTo(IncompletenessKind.MISSING_PREDECESSOR);
        assertThat(resolution.getResolved()).isTrue();
        assertThat(resolution.getEventId().toString())
                .isEqualTo(IncompletenessFinding.eventIdOf(rotation.rotationId(), FindingKind.MISSING_PREDECESSOR, true));
        assertThat(audit.incompleteRotationIds()).isEmpty();
        assertThat(audit.timeline(rotation.rotationId()).findings()).singleElement()
                .satisfies(kept -> assertThat(kept.resolved()).isTrue());
    }

    @Test
    void noTerminalByTheRequestsDeadlineIsReportedAndResolvedByALateTerminal() {
        publishAll(rotation.requested(T0, "alice"), rotation.updated(T0.plusSeconds(1), 3));
        audit.advanceWallClock(Duration.ofMinutes(9));
        assertThat(audit.incomplete.readValuesToList()).as("deadline is T0 + 10 min").isEmpty();

        audit.advanceWallClock(Duration.ofMinutes(2));

        RotationIncomplete finding = single(audit.incomplete.readValuesToList());
        assertThat(finding.getKind()).isEqualTo(IncompletenessKind.NO_TERMINAL_BY_DEADLINE);
        assertThat(finding.getDeadline()).isEqualTo(T0.plusSeconds(600));
        assertThat(finding.getLastEventType()).isEqualTo("SecretUpdated");
        assertThat(finding.getDetectedAt()).isAfter(T0.plusSeconds(600));
        audit.advanceWallClock(LONG_AFTER);
        assertThat(audit.incomplete.readValuesToList()).as("reported once").isEmpty();

        publishAll(rotation.verified(T0.plusSeconds(700)), rotation.completed(T0.plusSeconds(701), 4));

        RotationIncomplete resolution = single(audit.incomplete.readValuesToList());
        assertThat(resolution.getKind()).isEqualTo(IncompletenessKind.NO_TERMINAL_BY_DEADLINE);
        assertThat(resolution.getResolved()).isTrue();
        assertThat(audit.incompleteRotationIds()).isEmpty();
    }

    @Test
    void aRequestWithoutDeadlineGetsTheDefault() {
        audit.publish(RotationRequested.newBuilder(rotation.requested(T0, "alice")).setDeadline(null).build());
        audit.advanceWallClock(Duration.ofMinutes(14));
        assertThat(audit.incomplete.readValuesToList()).isEmpty();

        audit.advanceWallClock(Duration.ofMinutes(2));

        assertThat(single(audit.incomplete.readValuesToList()).getDeadline()).isEqualTo(T0.plus(Duration.ofMinutes(15)));
    }

    @Test
    void aStepClaimedByTwoEventIdsIsADuplicateButARedeliveryIsNot() {
        SecretUpdated updated = rotation.updated(T0.plusSeconds(1), 3);
        publishAll(rotation.requested(T0, "alice"), updated, updated);
        assertThat(audit.incomplete.readValuesToList()).isEmpty();
        assertThat(audit.meters.get("rotor.audit.redelivered.events").counter().count()).isEqualTo(1.0);

        audit.publish(SecretUpdated.newBuilder(updated).setEventId(UUID.randomUUID()).setOccurredAt(T0.plusSeconds(5)).build());

        RotationIncomplete finding = single(audit.incomplete.readValuesToList());
        assertThat(finding.getKind()).isEqualTo(IncompletenessKind.DUPLICATE_STEP);
        assertThat(finding.getDetail()).startsWith("SecretUpdated was published 2 times with different eventIds");
    }

    @Test
    void twoDifferentTerminalsConflict() {
        publishAll(rotation.requested(T0, "alice"), rotation.updated(T0.plusSeconds(1), 3), rotation.verified(T0.plusSeconds(2)),
                rotation.completed(T0.plusSeconds(3), 4), rotation.failed(T0.plusSeconds(4), RotationFailureReason.IN_PROGRESS));

        RotationIncomplete finding = single(audit.incomplete.readValuesToList());
        assertThat(finding.getKind()).isEqualTo(IncompletenessKind.CONFLICTING_TERMINAL);
        assertThat(finding.getDetail()).contains("RotationCompleted", "RotationFailed");
        assertThat(audit.incompleteRotationIds()).containsExactly(rotation.rotationId());
    }

    @Test
    void aBackfilledCompletionNeedsOnlyItsRequest() {
        audit.publish(RotationRequested.newBuilder(rotation.requested(T0, "importer")).setReason(RotationReason.BACKFILL).build());
        audit.publish(RotationCompleted.newBuilder(rotation.completed(T0, 1)).setNewStoreVersion(null).setPreviousStoreVersion(null).build());

        audit.advanceWallClock(LONG_AFTER);

        assertThat(audit.incomplete.readValuesToList()).isEmpty();
        assertThat(audit.timeline(rotation.rotationId()).state()).isEqualTo(RotationState.COMPLETED);
    }

    private void publishAll(SpecificRecord... events) {
        for (SpecificRecord event : events) {
            audit.publish(event);
        }
    }

    private static RotationIncomplete single(List<RotationIncomplete> findings) {
        assertThat(findings).hasSize(1);
        return findings.get(0);
    }
}
