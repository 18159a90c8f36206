package dev.rotor.scheduler.approval;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.config.SchedulerConfig;
import dev.rotor.scheduler.domain.RequestedRotation;
import dev.rotor.scheduler.service.RotationService;
import dev.rotor.schema.ApprovalState;
import dev.rotor.schema.EmergencyApproval;
import dev.rotor.schema.RotationReason;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Emergency rotations that the policy gives a second approver: announced as PENDING on the compacted
 * rotation.approvals (every instance reads it, so any instance can take the approval), requested only
 * once someone other than the requester approves, before the request expires.
 */
@ApplicationScoped
public class EmergencyApprovals {

    private static final Logger LOG = Logger.getLogger(EmergencyApprovals.class);

    private final RotationService rotations;
    private final SchedulerConfig config;
    private final Clock clock;
    private final MutinyEmitter<Record<String, EmergencyApproval>> approvals;
    /**
     * Bounded by age: a request is forgotten once it expired more than one approval-ttl ago (until then an approval still
     * answers 409 or 410 rather than 404), whatever its state; the compacted topic keeps its last state.
     */
    private final Map<String, PendingApproval> byRequestId = new ConcurrentHashMap<>();

    EmergencyApprovals(RotationService rotations, SchedulerConfig config, Clock clock,
            @Channel(Channels.ROTATION_APPROVALS_OUT) MutinyEmitter<Record<String, EmergencyApproval>> approvals) {
        this.rotations = rotations;
        this.config = config;
        this.clock = clock;
        this.approvals = approvals;
    }

    /** Blocking: waits for Kafka's acknowledgement. */
    public PendingApproval requestApproval(String secretId, String requester, String reason) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PendingApproval pending = new PendingApproval(UUID.randomUUID().toString(), secretId, requester, reason, now,
                now.plus(config.approvalTtl()), ApprovalState.PENDING, null);
        publish(pending);
        LOG.infof("Emergency rotation %s of %s requested by %s; waiting for a second approver until %s", pending.requestId(), secretId,
                requester, pending.expiresAt());
        return pending;
    }

    /**
     * An emergency rotation whose policy asks for no second approver: recorded as APPROVED (by no one) and then
     * requested, like an approved one, because the rotator carries out no EMERGENCY request that rotation.approvals
     * does not record. Blocking: waits for Kafka's acknowledgements.
     */
    public RequestedRotation requestWithoutSecondApprover(String secretId, String requester, String reason) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        PendingApproval approved = new PendingApproval(UUID.randomUUID().toString(), secretId, requester, reason, now,
                now.plus(config.approvalTtl()), ApprovalState.APPROVED, null);
        return recordAndRequest(approved.decided(ApprovalState.EXPIRED, null), approved);
    }

    /**
     * Records the approval, then requests the rotation (its id is the request id, so that a repeated approval cannot
     * start a second one). The record comes first because the rotator looks for it when the request arrives.
     * Blocking: waits for Kafka's acknowledgements.
     *
     * @throws ApprovalRefusedException unknown, already approved, expired, or approved by the requester
     */
    public synchronized RequestedRotation approve(String requestId, String approver) {
        forgetOld();
        PendingApproval pending = Optional.ofNullable(byRequestId.get(requestId)).orElseThrow(() -> new ApprovalRefusedException(
                ApprovalRefusedException.Refusal.UNKNOWN, "No emergency request " + requestId + " is known: check the id the"
                        + " request answered with, or request again with ./rotor rotate <secretId> --emergency --reason ..."));
        if (pending.state() == ApprovalState.APPROVED) {
            throw new ApprovalRefusedException(ApprovalRefusedException.Refusal.ALREADY_APPROVED, "Emergency request " + requestId
                    + " of " + pending.secretId() + " was already approved" + (pending.approvedBy() == null ? " (its policy asks for no"
                    + " second approver)" : " by " + pending.approvedBy()) + ": rotation " + requestId + " was requested then");
        }
        Instant now = clock.instant();
        if (pending.expiredAt(now)) {
            if (pending.state() == ApprovalState.PENDING) {
                publish(pending.decided(ApprovalState.EXPIRED, null));
            }
            throw new ApprovalRefusedException(ApprovalRefusedException.Refusal.EXPIRED, "Emergency request " + requestId + " of "
                    + pending.secretId() + " expired at " + pending.expiresAt() + " without a second approver: request it again with"
                    + " ./rotor rotate " + pending.secretId() + " --emergency --reason ...");
        }
        if (normalized(approver).equals(normalized(pending.requestedBy()))) {
            throw new ApprovalRefusedException(ApprovalRefusedException.Refusal.SAME_PERSON, "The policy of " + pending.secretId()
                    + " asks for a second person: " + pending.requestedBy() + " requested this emergency rotation and cannot also"
                    + " approve it. Ask a colleague to run ./rotor approve " + requestId);
        }
        RequestedRotation requested = recordAndRequest(pending, pending.decided(ApprovalState.APPROVED, approver));
        LOG.infof("Emergency rotation %s of %s approved by %s (requested by %s)", requestId, pending.secretId(), approver,
                pending.requestedBy());
        return requested;
    }

    /**
     * If the request cannot be published, the record becomes {@code otherwise} (PENDING again, so that the approval can
     * be given again; EXPIRED where nobody approves), so that no approval stands for a rotation never requested.
     */
    private RequestedRotation recordAndRequest(PendingApproval otherwise, PendingApproval approved) {
        publish(approved);
        try {
            return rotations.request(approved.secretId(), RotationReason.EMERGENCY, approved.requestedBy(), approved.approvedBy(),
                    approved.requestId());
        } catch (RuntimeException e) {
            publish(otherwise);
            throw e;
        }
    }

    public Optional<PendingApproval> find(String requestId) {
        forgetOld();
        return Optional.ofNullable(byRequestId.get(requestId));
    }

    /** An approval read from rotation.approvals, from this instance or another; a tombstone forgets it. */
    public void apply(String requestId, EmergencyApproval event) {
        forgetOld();
        if (event == null) {
            byRequestId.remove(requestId);
            return;
        }
        byRequestId.put(requestId, new PendingApproval(event.getRequestId(), event.getSecretId(), event.getRequestedBy(),
                event.getReason(), event.getRequestedAt(), event.getExpiresAt(), event.getState(), event.getApprovedBy()));
    }

    private void publish(PendingApproval approval) {
        approvals.sendAndAwait(Record.of(approval.requestId(), EmergencyApproval.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(clock.instant().truncatedTo(ChronoUnit.MILLIS))
                .setRequestId(approval.requestId())
                .setSecretId(approval.secretId())
                .setRequestedBy(approval.requestedBy())
                .setReason(approval.reason())
                .setRequestedAt(approval.requestedAt())
                .setExpiresAt(approval.expiresAt())
                .setState(approval.state())
                .setApprovedBy(approval.approvedBy())
                .build()));
        byRequestId.put(approval.requestId(), approval);
    }

    private void forgetOld() {
        Instant horizon = clock.instant().minus(config.approvalTtl());
        byRequestId.values().removeIf(approval -> approval.expiresAt().isBefore(horizon));
    }

    private static String normalized(String person) {
        return person.trim().toLowerCase(Locale.ROOT);
    }
}
