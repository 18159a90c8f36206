package dev.rotor.scheduler.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.scheduler.approval.EmergencyApprovals;
import dev.rotor.scheduler.approval.SecondApproverRequiredException;
import dev.rotor.scheduler.control.Pause;
import dev.rotor.scheduler.control.SchedulingControls;
import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.OperatorRequest;
import dev.rotor.scheduler.policy.EffectivePolicy;
import dev.rotor.scheduler.policy.PolicyBook;
import dev.rotor.schema.RotationReason;

/**
 * Rotations an operator asks for. A pause stops the scheduler, not a person: a paused secret's request
 * is published and the answer says who paused it and why. An emergency rotation whose policy asks for a
 * second approver waits for one instead of being published, and a manual one is refused: it would skip the approver.
 */
@ApplicationScoped
public class OperatorRotations {

    private final SecretRegistry registry;
    private final ViewProgress view;
    private final PolicyBook policies;
    private final SchedulingControls controls;
    private final RotationService rotations;
    private final EmergencyApprovals approvals;

    OperatorRotations(SecretRegistry registry, ViewProgress view, PolicyBook policies, SchedulingControls controls,
            RotationService rotations, EmergencyApprovals approvals) {
        this.registry = registry;
        this.view = view;
        this.policies = policies;
        this.controls = controls;
        this.rotations = rotations;
        this.approvals = approvals;
    }

    /** Blocking: waits for Kafka's acknowledgement. {@code why} is free text for the audit trail, may be null. */
    public OperatorRequest request(String secretId, RotationReason reason, String initiator, String why) {
        ManagedSecret secret = registry.find(secretId).orElseThrow(() -> view.secretNotFound(secretId));
        EffectivePolicy policy = policies.policyOf(secret);
        Optional<Pause> pause = controls.pauseOf(secretId, policy.secretClass());
        if (reason == RotationReason.MANUAL && policy.emergencyNeedsApproval()) {
            throw new SecondApproverRequiredException(secretId, policy.secretClass());
        }
        if (reason == RotationReason.EMERGENCY) {
            String reasonText = why == null ? "emergency rotation requested by " + initiator + " (no reason given)" : why;
            if (policy.emergencyNeedsApproval()) {
                return new OperatorRequest(Optional.empty(), Optional.of(approvals.requestApproval(secretId, initiator, reasonText)), pause);
            }
            return new OperatorRequest(Optional.of(approvals.requestWithoutSecondApprover(secretId, initiator, reasonText)), Optional.empty(),
                    pause);
        }
        return new OperatorRequest(Optional.of(rotations.request(secretId, reason, initiator)), Optional.empty(), pause);
    }
}
