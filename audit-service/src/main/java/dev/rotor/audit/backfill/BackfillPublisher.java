package dev.rotor.audit.backfill;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

import dev.rotor.audit.config.AuditConfig;
import dev.rotor.contract.Topics;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import io.smallrye.common.annotation.Identifier;

/**
 * Publishes backfilled rotations to the lifecycle topics exactly as the services publish events:
 * keyed by secretId, Avro through the registry in the Confluent wire format (the audit's serde
 * settings), acknowledged by all replicas, idempotent. A plain producer rather than a messaging
 * channel: the audit has no other outgoing channel, and an import wants to wait for every send.
 */
@ApplicationScoped
public class BackfillPublisher {

    private static final long SEND_TIMEOUT_SECONDS = 60;

    private final AuditConfig config;
    private final Map<String, Object> kafka;
    private KafkaProducer<String, SpecificRecord> producer;

    BackfillPublisher(AuditConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    /** Returns once every event is acknowledged; a failure leaves a partial import, which running it again completes. */
    public void publish(List<BackfillRecord> records) {
        List<Future<RecordMetadata>> sends = new ArrayList<>();
        KafkaProducer<String, SpecificRecord> out = producer();
        for (BackfillRecord record : records) {
            sends.add(out.send(new ProducerRecord<>(Topics.ROTATION_REQUESTED, record.secretId(), BackfillEvents.requested(record))));
            sends.add(out.send(new ProducerRecord<>(Topics.ROTATION_COMPLETED, record.secretId(), BackfillEvents.completed(record))));
        }
        try {
            for (Future<RecordMetadata> send : sends) {
                send.get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackfillNotPublishedException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new BackfillNotPublishedException(e);
        }
    }

    private synchronized KafkaProducer<String, SpecificRecord> producer() {
        if (producer == null) {
            // The serde settings the audit reads the lifecycle topics with: the same registry and wire format.
            Map<String, Object> settings = new HashMap<>(kafka);
            settings.putAll(config.serde());
            settings.put(ProducerConfig.ACKS_CONFIG, "all");
            settings.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            settings.put(ProducerConfig.CLIENT_ID_CONFIG, "rotor-audit-backfill");
            AvroKafkaSerializer<SpecificRecord> values = new AvroKafkaSerializer<>();
            // Kafka configures only the serializers it instantiates itself.
            values.configure(settings, false);
            producer = new KafkaProducer<>(settings, new StringSerializer(), values);
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close();
        }
    }
}
