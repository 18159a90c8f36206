package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.domain.RotationEnded;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.scheduler.mapping.RotationMapping;
import dev.rotor.scheduler.schedule.SchedulingEngine;
import dev.rotor.scheduler.service.RotationLedger;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.RollbackFailed;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationFailed;
import dev.rotor.schema.RotationRequested;
import dev.rotor.schema.RotationRolledBack;

/**
 * The rotation lifecycle as the ledger and the engine see it: every request, from this scheduler or any
 * other publisher, opens a rotation; each of the four terminal events ends it, with its outcome
 * (RotationMapping.ended). One channel per topic, one method per channel.
 */
@ApplicationScoped
class RotationLifecycleListener {

    private final RotationLedger ledger;
    private final SchedulingEngine engine;
    private final ViewProgress progress;

    RotationLifecycleListener(RotationLedger ledger, SchedulingEngine engine, ViewProgress progress) {
        this.ledger = ledger;
        this.engine = engine;
        this.progress = progress;
    }

    @Incoming(Channels.ROTATION_REQUESTED)
    void requested(ConsumerRecord<String, RotationRequested> record) {
        RotationRequest request = RotationMapping.toDomain(record.value());
        ledger.requested(request);
        engine.requested(request);
        progress.processed(record.topic(), record.partition(), record.offset());
    }

    /** The new credential is promoted: the cadence counts from here. */
    @Incoming(Channels.ROTATION_COMPLETED)
    void completed(ConsumerRecord<String, RotationCompleted> record) {
        ended(RotationMapping.ended(record.value()), record);
    }

    /** Ended with the previous credential back. */
    @Incoming(Channels.ROTATION_ROLLED_BACK)
    void rolledBack(ConsumerRecord<String, RotationRolledBack> record) {
        ended(RotationMapping.ended(record.value()), record);
    }

    /** Ended critically: the rotator paused the secret. */
    @Incoming(Channels.ROLLBACK_FAILED)
    void rollbackFailed(ConsumerRecord<String, RollbackFailed> record) {
        ended(RotationMapping.ended(record.value()), record);
    }

    /** Ended before anything changed (or refused: IN_PROGRESS, PAUSED). */
    @Incoming(Channels.ROTATION_FAILED)
    void failed(ConsumerRecord<String, RotationFailed> record) {
        ended(RotationMapping.ended(record.value()), record);
    }

    private void ended(RotationEnded ended, ConsumerRecord<String, ?> record) {
        ledger.ended(ended);
        engine.ended(ended);
        progress.processed(record.topic(), record.partition(), record.offset());
    }
}
