package dev.rotor.audit.service;

import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Which audit instance holds what. Every instance advertises its HTTP address as Kafka Streams'
 * {@code application.server}; Kafka Streams then tells each instance which one owns a key's
 * partition (the only place that key's state lives) and which instances hold a store at all.
 */
@ApplicationScoped
class StoreRouting {

    private final KafkaStreams streams;
    private final HostInfo self;

    StoreRouting(KafkaStreams streams, StreamsConfig streamsConfig) {
        this.streams = streams;
        this.self = HostInfo.buildFromEndpoint(streamsConfig.getString(StreamsConfig.APPLICATION_SERVER_CONFIG));
    }

    /** The instance that owns the key in the store; empty when it is this one. */
    Optional<HostInfo> remoteOwnerOf(String store, String key) {
        KeyQueryMetadata owner;
        try {
            owner = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (InvalidStateStoreException e) {
            throw new StoresNotReadyException(store, streams.state(), e);
        }
        if (owner == null || KeyQueryMetadata.NOT_AVAILABLE.equals(owner)) {
            throw new StoresNotReadyException(store, streams.state(), null);
        }
        return self.equals(owner.activeHost()) ? Optional.empty() : Optional.of(owner.activeHost());
    }

    /** Every other instance that holds part of the store. */
    List<HostInfo> otherInstances(String store) {
        try {
            return streams.streamsMetadataForStore(store).stream()
                    .map(StreamsMetadata::hostInfo)
                    .filter(host -> !self.equals(host))
                    .distinct()
                    .toList();
        } catch (InvalidStateStoreException e) {
            throw new StoresNotReadyException(store, streams.state(), e);
        }
    }
}
