package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.function.Function;

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
    private final UnreadableRecords records;
    private final ViewProgress progress;

    RotationLifecycleListener(RotationLedger ledger, SchedulingEngine engine, UnreadableRecords records, ViewProgress progress) {
        this.ledger = ledger;
        this.records = records;
        this.engine = engine;
        this.progress = progress;
    }

    @Incoming(Channels.ROTATION_REQUESTED)
    void requested(ConsumerRecord<String, RotationRequested> record) {
        try {
            records.valueOf(record).map(RotationMapping::toDomain).ifPresent(request -> {
                ledger.requested(request);
                engine.requested(request);
            });
        } finally {
            // A dead-lettered record is read too: readiness must not wait for it.
            progress.processed(record.topic(), record.partition(), record.offset());
        }
    }

    /** The new credential is promoted: the cadence counts from here. */
    @Incoming(Channels.ROTATION_COMPLETED)
    void completed(ConsumerRecord<String, RotationCompleted> record) {
        ended(record, RotationMapping::ended);
    }

    /** Ended with the previous credential back. */
    @Incoming(Channels.ROTATION_ROLLED_BACK)
    void rolledBack(ConsumerRecord<String, RotationRolledBack> record) {
        ended(record, RotationMapping::ended);
    }

    /** Ended critically: the rotator paused the secret. */
    @Incoming(Channels.ROLLBACK_FAILED)
    void rollbackFailed(ConsumerRecord<String, RollbackFailed> record) {
        ended(record, RotationMapping::ended);
    }

    /** Ended before anything changed (or refused: IN_PROGRESS, PAUSED). */
    @Incoming(Channels.ROTATION_FAILED)
    void failed(ConsumerRecord<String, RotationFailed> record) {
        ended(record, RotationMapping::ended);
    }

    private <V> void ended(ConsumerRecord<String, V> record, Function<V, RotationEnded> toDomain) {
        try {
            records.valueOf(record).map(toDomain).ifPresent(ended -> {
                ledger.ended(ended);
                engine.ended(ended);
            });
        } finally {
            // A dead-lettered record is read too: readiness must not wait for it.
            progress.processed(record.topic(), record.partition(), record.offset());
        }
    }
}
