package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.schedule.SchedulingEngine;
import dev.rotor.scheduler.schedule.SecretStatuses;
import dev.rotor.schema.SecretStatus;

/**
 * secret.status from the audit service: each secret's last successful rotation, which its next one counts from.
 * Not part of the view's readiness (see application.properties): the ledger reads completions from rotation.completed too.
 */
@ApplicationScoped
class SecretStatusListener {

    private final SecretStatuses statuses;
    private final SchedulingEngine engine;
    private final UnreadableRecords records;

    SecretStatusListener(SecretStatuses statuses, SchedulingEngine engine, UnreadableRecords records) {
        this.statuses = statuses;
        this.engine = engine;
        this.records = records;
    }

    @Incoming(Channels.SECRET_STATUS)
    void consume(ConsumerRecord<String, SecretStatus> record) {
        SecretStatus status = records.valueOf(record).orElse(null);
        if (status == null) {
            statuses.remove(record.key());
            engine.secretChanged(record.key());
        } else if (statuses.lastSuccess(status.getSecretId(), status.getLastSuccessAt())) {
            // Only a new success moves the schedule: most status updates (requested, in flight) do not.
            engine.secretChanged(status.getSecretId());
        }
    }
}
