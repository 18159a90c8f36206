package dev.rotor.rotator.catalog;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.contract.CompactedTopicUnavailable;
import dev.rotor.contract.CompactedTopicView;
import dev.rotor.contract.Topics;
import dev.rotor.schema.ApprovalState;
import dev.rotor.schema.EmergencyApproval;
import dev.rotor.schema.RotationRequested;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;

/**
 * The scheduler's record of every emergency rotation it requested, read from the compacted {@code rotation.approvals}.
 * Outside producers may write {@code rotation.requested}, but only the scheduler may write this topic
 * (deploy/kafka/bus.tsv), and it records an emergency request as APPROVED before it publishes it. So an EMERGENCY
 * request runs only if the record under its rotation id approves that secret with that second approver: the
 * two-person rule cannot be skipped by writing the request straight to the topic.
 */
@ApplicationScoped
public class ApprovalRecords {

    private final CompactedTopicView<EmergencyApproval> records;

    ApprovalRecords(@Identifier("default-kafka-broker") Map<String, Object> kafka, MeterRegistry metrics) {
        this.records = new CompactedTopicView<>(kafka, Topics.ROTATION_APPROVALS, EmergencyApproval.class, approval -> approval,
                SecretCatalog.unreadableRecords(metrics, Topics.ROTATION_APPROVALS)::increment);
    }

    /** Why the EMERGENCY request must not run, or empty when the scheduler approved exactly this one. */
    public Optional<String> refusalOf(RotationRequested request) {
        String rotationId = request.getRotationId();
        Optional<EmergencyApproval> recorded;
        try {
            recorded = records.find(rotationId);
        } catch (CompactedTopicUnavailable e) {
            throw new CatalogUnavailable(e.getMessage(), e);
        }
        if (recorded.isEmpty()) {
            return Optional.of("no approval of emergency rotation " + rotationId + " is recorded on " + Topics.ROTATION_APPROVALS
                    + ": request emergency rotations from the scheduler (./rotor rotate " + request.getSecretId()
                    + " --emergency --reason ...), which records the approval; a request written straight to the topic is refused");
        }
        EmergencyApproval approval = recorded.get();
        if (approval.getState() != ApprovalState.APPROVED) {
            return Optional.of("emergency rotation " + rotationId + " is " + approval.getState() + " on " + Topics.ROTATION_APPROVALS
                    + ", not APPROVED: a second person approves it with ./rotor approve " + rotationId);
        }
        if (!approval.getSecretId().equals(request.getSecretId())) {
            return Optional.of("the approval recorded for emergency rotation " + rotationId + " is for secret " + approval.getSecretId()
                    + ", not " + request.getSecretId());
        }
        if (!Objects.equals(approval.getApprovedBy(), request.getApprovedBy())) {
            return Optional.of("the request names " + describe(request.getApprovedBy()) + " as its second approver, but "
                    + Topics.ROTATION_APPROVALS + " records " + describe(approval.getApprovedBy()) + " for emergency rotation " + rotationId);
        }
        return Optional.empty();
    }

    private static String describe(String approver) {
        return approver == null ? "no one" : approver;
    }

    @PreDestroy
    void close() {
        records.close();
    }
}
