package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.mapping.RegistrationMapping;
import dev.rotor.scheduler.schedule.SchedulingEngine;
import dev.rotor.scheduler.service.RotationLedger;
import dev.rotor.scheduler.service.SecretRegistry;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.SecretRegistered;

/** secret.registry into the scheduler's registry; a null value is a tombstone. */
@ApplicationScoped
class SecretRegistryListener {

    private final SecretRegistry registry;
    private final RotationLedger ledger;
    private final SchedulingEngine engine;
    private final ViewProgress progress;

    SecretRegistryListener(SecretRegistry registry, RotationLedger ledger, SchedulingEngine engine, ViewProgress progress) {
        this.registry = registry;
        this.ledger = ledger;
        this.engine = engine;
        this.progress = progress;
    }

    @Incoming(Channels.SECRET_REGISTRY)
    void consume(ConsumerRecord<String, SecretRegistered> record) {
        if (record.value() == null) {
            registry.remove(record.key());
            ledger.forget(record.key());
        } else {
            registry.put(RegistrationMapping.toDomain(record.value()), record.value().getPolicyRevision());
        }
        engine.secretChanged(record.key());
        progress.processed(record.topic(), record.partition(), record.offset());
    }
}
