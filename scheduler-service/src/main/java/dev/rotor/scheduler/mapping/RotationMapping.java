package dev.rotor.scheduler.mapping;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

import dev.rotor.contract.EventIds;
import dev.rotor.scheduler.domain.RollbackRequest;
import dev.rotor.scheduler.domain.RotationEnded;
import dev.rotor.scheduler.domain.RotationEnded.Outcome;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.schema.RollbackFailed;
import dev.rotor.schema.RollbackRequested;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationFailed;
import dev.rotor.schema.RotationFailureReason;
import dev.rotor.schema.RotationRequested;
import dev.rotor.schema.RotationRolledBack;

/** The rotation lifecycle's events, to and from the scheduler's domain. */
public final class RotationMapping {

    private static final Set<RotationFailureReason> REFUSALS = EnumSet.of(RotationFailureReason.IN_PROGRESS, RotationFailureReason.PAUSED,
            RotationFailureReason.NOT_APPROVED);

    private RotationMapping() {
    }

    /** A request gets a random event id: two requests are two events even for the same secret. */
    public static RotationRequested toEvent(RotationRequest request) {
        return RotationRequested.newBuilder()
                .setEventId(UUID.randomUUID())
                .setRotationId(request.rotationId())
                .setSecretId(request.secretId())
                .setOccurredAt(request.requestedAt())
                .setReason(request.reason())
                .setInitiator(request.initiator())
                .setDeadline(request.deadline())
                .setAttempt(request.attempt())
                .setApprovedBy(request.approvedBy())
                .setDetail(request.detail())
                .setRevertToVersion(request.revertToVersion())
                .build();
    }

    public static RotationRequest toDomain(RotationRequested event) {
        return new RotationRequest(event.getRotationId(), event.getSecretId(), event.getReason(), event.getInitiator(),
                event.getOccurredAt(), event.getDeadline(), event.getAttempt(), event.getApprovedBy(), event.getDetail(),
                event.getRevertToVersion());
    }

    /** A rotation is rolled back at most once, so the rollback's event id follows from the rotation. */
    public static UUID rollbackEventId(String rotationId) {
        return EventIds.of(rotationId, RollbackRequested.class);
    }

    public static RollbackRequested toEvent(RollbackRequest request) {
        return RollbackRequested.newBuilder()
                .setEventId(rollbackEventId(request.rotationId()))
                .setRotationId(request.rotationId())
                .setSecretId(request.secretId())
                .setOccurredAt(request.requestedAt())
                .setCause(request.cause())
                .setInitiator(request.initiator())
                .build();
    }

    public static RotationEnded ended(RotationCompleted event) {
        return new RotationEnded(event.getRotationId(), event.getSecretId(), Outcome.COMPLETED, false, event.getOccurredAt());
    }

    public static RotationEnded ended(RotationRolledBack event) {
        return new RotationEnded(event.getRotationId(), event.getSecretId(), Outcome.ROLLED_BACK, false, event.getOccurredAt());
    }

    public static RotationEnded ended(RollbackFailed event) {
        return new RotationEnded(event.getRotationId(), event.getSecretId(), Outcome.ROLLBACK_FAILED, false, event.getOccurredAt());
    }

    public static RotationEnded ended(RotationFailed event) {
        // Refused, not failed: the rotation never ran because another was in flight, the secret is paused, or (an
        // emergency request written to the topic by someone else) the rotator found no approval of it.
        Outcome outcome = REFUSALS.contains(event.getReason()) ? Outcome.REFUSED : Outcome.FAILED;
        return new RotationEnded(event.getRotationId(), event.getSecretId(), outcome, event.getRetryable(), event.getOccurredAt());
    }
}
