package dev.rotor.audit.metrics;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import dev.rotor.audit.domain.SecretState;
import dev.rotor.audit.stream.AuditTopology;
import io.micrometer.prometheus.PrometheusMeterRegistry;
import io.quarkus.runtime.StartupEvent;

/** Puts the audit's gauges on /q/metrics, reading this instance's stores at scrape time. */
@ApplicationScoped
class AuditMetricsBinder {

    /** After TopicSetup (default priority): asking for KafkaStreams must not start it before its topics exist. */
    void bind(@Observes @Priority(Interceptor.Priority.APPLICATION + 1000) StartupEvent startup, KafkaStreams streams, PrometheusMeterRegistry registry, Clock clock) {
        AuditGauges gauges = new AuditGauges(
                () -> read(streams, AuditTopology.SECRET_STATUS_STORE, (ReadOnlyKeyValueStore<String, SecretState> store) -> {
                    List<SecretState> states = new ArrayList<>();
                    try (KeyValueIterator<String, SecretState> all = store.all()) {
                        all.forEachRemaining(entry -> states.add(entry.value));
                    }
                    return states;
                }),
                () -> read(streams, AuditTopology.INCOMPLETE_ROTATIONS_STORE, (ReadOnlyKeyValueStore<String, String> store) -> {
                    long count = 0;
                    try (KeyValueIterator<String, String> all = store.all()) {
                        for (; all.hasNext(); all.next()) {
                            count++;
                        }
                    }
                    return count;
                }),
                clock);
        gauges.bindTo(registry);
        registry.getPrometheusRegistry().register(gauges.lastSuccessCollector());
    }

    private static <K, V, R> Optional<R> read(KafkaStreams streams, String storeName, Function<ReadOnlyKeyValueStore<K, V>, R> reading) {
        try {
            ReadOnlyKeyValueStore<K, V> store = streams.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.keyValueStore()));
            return Optional.of(reading.apply(store));
        } catch (InvalidStateStoreException e) {
            return Optional.empty();
        }
    }
}
