package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.mapping.RotationMapping;
import dev.rotor.scheduler.service.RotationLedger;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.RotationRolledBack;

/** rotation.rolled-back: the rotation ended with the previous credential back. */
@ApplicationScoped
class RotationRolledBackListener {

    private final RotationLedger ledger;
    private final ViewProgress progress;

    RotationRolledBackListener(RotationLedger ledger, ViewProgress progress) {
        this.ledger = ledger;
        this.progress = progress;
    }

    @Incoming(Channels.ROTATION_ROLLED_BACK)
    void consume(ConsumerRecord<String, RotationRolledBack> record) {
        ledger.ended(RotationMapping.ended(record.value()));
        progress.processed(record.topic(), record.partition(), record.offset());
    }
}
