package dev.rotor.audit.service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

import dev.rotor.audit.domain.RotationTimeline;
import dev.rotor.audit.domain.SecretState;
import dev.rotor.audit.stream.AuditTopology;

/** Reads the pipeline's stores in this instance only (interactive queries); SecretQueries and RotationQueries ask the others. */
@ApplicationScoped
public class AuditQueries {

    private final KafkaStreams streams;

    AuditQueries(KafkaStreams streams) {
        this.streams = streams;
    }

    public Optional<SecretState> secret(String secretId) {
        return Optional.ofNullable(query(AuditTopology.SECRET_STATUS_STORE, (ReadOnlyKeyValueStore<String, SecretState> store) -> store.get(secretId)));
    }

    /** Every secret with at least one audited event, ordered by secretId. */
    public List<SecretState> secrets() {
        List<SecretState> all = query(AuditTopology.SECRET_STATUS_STORE, (ReadOnlyKeyValueStore<String, SecretState> store) -> {
            List<SecretState> states = new ArrayList<>();
            try (KeyValueIterator<String, SecretState> entries = store.all()) {
                entries.forEachRemaining(entry -> states.add(entry.value));
            }
            return states;
        });
        all.sort(Comparator.comparing(SecretState::secretId));
        return all;
    }

    public Optional<RotationTimeline> rotation(String rotationId) {
        return Optional.ofNullable(query(AuditTopology.ROTATION_TIMELINE_STORE, (ReadOnlyKeyValueStore<String, RotationTimeline> store) -> store.get(rotationId)));
    }

    /** Every rotation this instance holds: a full scan, for lists that filter on what the key does not say. */
    public List<RotationTimeline> rotations() {
        return query(AuditTopology.ROTATION_TIMELINE_STORE, (ReadOnlyKeyValueStore<String, RotationTimeline> store) -> {
            List<RotationTimeline> timelines = new ArrayList<>();
            try (KeyValueIterator<String, RotationTimeline> entries = store.all()) {
                entries.forEachRemaining(entry -> timelines.add(entry.value));
            }
            return timelines;
        });
    }

    /** A store can stop being queryable between lookup and read (a rebalance): both are covered. */
    private <V, R> R query(String storeName, Function<ReadOnlyKeyValueStore<String, V>, R> read) {
        try {
            return read.apply(streams.store(StoreQueryParameters.fromNameAndType(storeName, QueryableStoreTypes.<String, V>keyValueStore())));
        } catch (InvalidStateStoreException e) {
            throw new StoresNotReadyException(storeName, streams.state(), e);
        }
    }
}
