package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.mapping.RegistrationMapping;
import dev.rotor.scheduler.schedule.SchedulingEngine;
import dev.rotor.scheduler.service.RotationLedger;
import dev.rotor.scheduler.service.SecretRegistry;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.SecretRegistered;

/** secret.registry into the scheduler's registry; a tombstone (no value bytes) removes the secret, a bad record changes nothing. */
@ApplicationScoped
class SecretRegistryListener {

    private final SecretRegistry registry;
    private final UnreadableRecords records;
    private final RotationLedger ledger;
    private final SchedulingEngine engine;
    private final ViewProgress progress;

    SecretRegistryListener(SecretRegistry registry, UnreadableRecords records, RotationLedger ledger, SchedulingEngine engine,
            ViewProgress progress) {
        this.registry = registry;
        this.records = records;
        this.ledger = ledger;
        this.engine = engine;
        this.progress = progress;
    }

    @Incoming(Channels.SECRET_REGISTRY)
    void consume(ConsumerRecord<String, SecretRegistered> record) {
        try {
            Optional<SecretRegistered> registration = records.valueOf(record);
            if (registration.isEmpty()) {
                registry.remove(record.key());
                ledger.forget(record.key());
            } else {
                registry.put(RegistrationMapping.toDomain(registration.get()), registration.get().getPolicyRevision());
            }
            engine.secretChanged(record.key());
        } finally {
            // A dead-lettered record is read too: readiness must not wait for it.
            progress.processed(record.topic(), record.partition(), record.offset());
        }
    }
}
