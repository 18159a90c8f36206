package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.service.RolloutTopic;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.RolloutWave;

/** rotation.rollout into the waves a new leader takes over, from this instance or any other. */
@ApplicationScoped
class RolloutListener {

    private final RolloutTopic rollouts;
    private final UnreadableRecords records;
    private final ViewProgress progress;

    RolloutListener(RolloutTopic rollouts, UnreadableRecords records, ViewProgress progress) {
        this.rollouts = rollouts;
        this.records = records;
        this.progress = progress;
    }

    @Incoming(Channels.ROTATION_ROLLOUT)
    void consume(ConsumerRecord<String, RolloutWave> record) {
        try {
            rollouts.read(record.key(), records.valueOf(record).orElse(null));
        } finally {
            // A dead-lettered record is read too: readiness must not wait for it.
            progress.processed(record.topic(), record.partition(), record.offset());
        }
    }
}
