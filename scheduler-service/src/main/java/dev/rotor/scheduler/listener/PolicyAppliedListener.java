package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.service.PolicyService;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.PolicyApplied;

/** rotation.policy into the policy in force, whichever instance applied it. */
@ApplicationScoped
class PolicyAppliedListener {

    private final PolicyService policies;
    private final UnreadableRecords records;
    private final ViewProgress progress;

    PolicyAppliedListener(PolicyService policies, UnreadableRecords records, ViewProgress progress) {
        this.policies = policies;
        this.records = records;
        this.progress = progress;
    }

    @Incoming(Channels.ROTATION_POLICY)
    void consume(ConsumerRecord<String, PolicyApplied> record) {
        try {
            policies.applied(record.key(), records.valueOf(record).orElse(null));
        } finally {
            // A record that cannot be applied goes to the dead-letter topic; readiness must not wait for it forever.
            progress.processed(record.topic(), record.partition(), record.offset());
        }
    }
}
