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
    private final ViewProgress progress;

    RolloutListener(RolloutTopic rollouts, ViewProgress progress) {
        this.rollouts = rollouts;
        this.progress = progress;
    }

    @Incoming(Channels.ROTATION_ROLLOUT)
    void consume(ConsumerRecord<String, RolloutWave> record) {
        rollouts.read(record.key(), record.value());
        progress.processed(record.topic(), record.partition(), record.offset());
    }
}
