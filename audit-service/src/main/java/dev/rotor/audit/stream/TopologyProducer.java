package dev.rotor.audit.stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.Topology;

import dev.rotor.audit.chain.ChainKey;
import dev.rotor.audit.config.AuditConfig;
import dev.rotor.audit.metrics.AuditCounters;
import io.micrometer.core.instrument.MeterRegistry;
import io.apicurio.registry.serde.avro.AvroSerde;

@ApplicationScoped
class TopologyProducer {

    @Produces
    @Singleton
    Topology topology(AuditConfig config, ChainKey chainKey, MeterRegistry registry) {
        return AuditTopology.build(new RegistryAvroSerdes(config), TopologySettings.of(config), chainKey, new AuditCounters(registry));
    }

    private record RegistryAvroSerdes(AuditConfig config) implements AvroSerdes {

        @Override
        public <T extends SpecificRecord> Serde<T> serde() {
            AvroSerde<T> serde = new AvroSerde<>();
            // Kafka Streams configures only the serdes it creates from its own settings, not the ones it is handed.
            serde.configure(config.serde(), false);
            return serde;
        }
    }
}
