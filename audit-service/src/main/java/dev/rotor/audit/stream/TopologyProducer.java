package dev.rotor.audit.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;

import dev.rotor.audit.config.AuditConfig;
import io.apicurio.registry.serde.avro.AvroSerde;

@ApplicationScoped
class TopologyProducer {

    @Produces
    @Singleton
    Topology topology(AuditConfig config) {
        return AuditTopology.build(avroSerde(config), avroSerde(config), config.dedupeWindow());
    }

    private static <T> Serde<T> avroSerde(AuditConfig config) {
        AvroSerde<T> serde = new AvroSerde<>();
        // Kafka Streams configures only the serdes it creates from its own settings, not the ones it is handed.
        serde.configure(config.serde(), false);
        return serde;
    }
}
