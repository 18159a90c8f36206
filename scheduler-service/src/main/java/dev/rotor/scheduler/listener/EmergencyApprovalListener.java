package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.approval.EmergencyApprovals;
import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.EmergencyApproval;

/** rotation.approvals into the emergency requests known to this instance, whichever instance took them. */
@ApplicationScoped
class EmergencyApprovalListener {

    private final EmergencyApprovals approvals;
    private final ViewProgress progress;

    EmergencyApprovalListener(EmergencyApprovals approvals, ViewProgress progress) {
        this.approvals = approvals;
        this.progress = progress;
    }

    @Incoming(Channels.ROTATION_APPROVALS)
    void consume(ConsumerRecord<String, EmergencyApproval> record) {
        approvals.apply(record.key(), record.value());
        progress.processed(record.topic(), record.partition(), record.offset());
    }
}
