package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.mapping.RotationMapping;
import dev.rotor.scheduler.service.RotationLedger;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.RotationRequested;

/** Every request, from this scheduler or any other publisher, opens a rotation in the ledger. */
@ApplicationScoped
class RotationRequestedListener {

    private final RotationLedger ledger;
    private final ViewProgress progress;

    RotationRequestedListener(RotationLedger ledger, ViewProgress progress) {
        this.ledger = ledger;
        this.progress = progress;
    }

    @Incoming(Channels.ROTATION_REQUESTED)
    void consume(ConsumerRecord<String, RotationRequested> record) {
        ledger.requested(RotationMapping.toDomain(record.value()));
        progress.processed(record.topic(), record.partition(), record.offset());
    }
}
