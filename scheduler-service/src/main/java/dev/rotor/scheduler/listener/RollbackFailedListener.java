package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.mapping.RotationMapping;
import dev.rotor.scheduler.service.RotationLedger;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.RollbackFailed;

/** rotation.rollback-failed: the rotation ended, critically; the rotator paused the secret. */
@ApplicationScoped
class RollbackFailedListener {

    private final RotationLedger ledger;
    private final ViewProgress progress;

    RollbackFailedListener(RotationLedger ledger, ViewProgress progress) {
        this.ledger = ledger;
        this.progress = progress;
    }

    @Incoming(Channels.ROLLBACK_FAILED)
    void consume(ConsumerRecord<String, RollbackFailed> record) {
        ledger.ended(RotationMapping.ended(record.value()));
        progress.processed(record.topic(), record.partition(), record.offset());
    }
}
