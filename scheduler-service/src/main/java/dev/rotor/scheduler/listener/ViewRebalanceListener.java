package dev.rotor.scheduler.listener;

import java.util.Collection;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import dev.rotor.scheduler.service.ViewProgress;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/** Tells the view how far each of its partitions reached when it was assigned: that is what it must read to be current. */
@ApplicationScoped
@Identifier(ViewRebalanceListener.NAME)
class ViewRebalanceListener implements KafkaConsumerRebalanceListener {

    static final String NAME = "rotor-scheduler-view";

    private final ViewProgress progress;

    ViewRebalanceListener(ViewProgress progress) {
        this.progress = progress;
    }

    // Runs on the consumer's polling thread, where the consumer may be used.
    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        progress.assigned(consumer.beginningOffsets(partitions), consumer.endOffsets(partitions));
    }
}
