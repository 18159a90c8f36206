package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.mapping.RotationMapping;
import dev.rotor.scheduler.service.RotationLedger;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.RotationCompleted;

/** rotation.completed: the new credential is promoted; the cadence counts from here. */
@ApplicationScoped
class RotationCompletedListener {

    private final RotationLedger ledger;
    private final ViewProgress progress;

    RotationCompletedListener(RotationLedger ledger, ViewProgress progress) {
        this.ledger = ledger;
        this.progress = progress;
    }

    @Incoming(Channels.ROTATION_COMPLETED)
    void consume(ConsumerRecord<String, RotationCompleted> record) {
        ledger.ended(RotationMapping.ended(record.value()));
        progress.processed(record.topic(), record.partition(), record.offset());
    }
}
