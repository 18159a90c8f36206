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
    private final UnreadableRecords records;
    private final ViewProgress progress;

    EmergencyApprovalListener(EmergencyApprovals approvals, UnreadableRecords records, ViewProgress progress) {
        this.approvals = approvals;
        this.records = records;
        this.progress = progress;
    }

    @Incoming(Channels.ROTATION_APPROVALS)
    void consume(ConsumerRecord<String, EmergencyApproval> record) {
        try {
            approvals.apply(record.key(), records.valueOf(record).orElse(null));
        } finally {
            // A dead-lettered record is read too: readiness must not wait for it.
            progress.processed(record.topic(), record.partition(), record.offset());
        }
    }
}
