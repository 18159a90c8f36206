package dev.rotor.scheduler.rest;

import static dev.rotor.scheduler.rest.Callers.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.eclipse.microprofile.reactive.messaging.Message;

import dev.rotor.contract.Topics;
import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** What the @QuarkusTests feed into the in-memory channels and read from them, keyed like the Kafka records. */
final class InMemoryChannels {

    private final InMemoryConnector messaging;
    private long offset;

    InMemoryChannels(InMemoryConnector messaging) {
        this.messaging = messaging;
    }

    /** In memory there is no consumer to assign partitions: say that every view topic is empty, so the view has read it all. */
    static void viewHasReadEverything(ViewProgress view) {
        Map<TopicPartition, Long> empty = ViewProgress.VIEW_TOPICS.stream().collect(Collectors.toMap(t -> new TopicPartition(t, 0), t -> 0L));
        view.assigned(empty, empty);
    }

    void clear(String... channels) {
        for (String channel : channels) {
            messaging.sink(channel).clear();
        }
    }

    /** A record on an incoming channel, as the consumer would hand it over. */
    <V> void send(String channel, String topic, String key, V value) {
        messaging.source(channel).send(new ConsumerRecord<>(topic, 0, offset++, key, value));
    }

    /** A registration of {@code id} (class database, P30D) read from secret.registry; returns once the API knows the secret. */
    void register(String id, Instant registeredAt) {
        register(id, registeredAt, null);
    }

    /** A registration whose target changes its credential with the admin at {@code adminPath} (null: none named). */
    void register(String id, Instant registeredAt, String adminPath) {
        send(Channels.SECRET_REGISTRY, Topics.SECRET_REGISTRY, id, SecretRegistered.newBuilder()
                .setSecretId(id).setRegisteredAt(registeredAt).setInitiator("test").setSecretClass("database")
                .setOwner("team-test").setCadence("P30D")
                .setStore(StoreRef.newBuilder().setMount("secret").setPath(id).build())
                .setTarget(TargetRef.newBuilder().setType("postgresql").setHost("127.0.0.1").setPort(5432).setRole("app")
                        .setAdminPath(adminPath).build())
                .build());
        // The listener may take the record on another thread.
        await().untilAsserted(() -> viewer().when().get("/api/secrets/" + id).then().statusCode(200));
    }

    <V> V single(String channel, String key, Class<V> type) {
        List<V> values = values(channel, key, type);
        assertThat(values).hasSize(1);
        return values.get(0);
    }

    /** The values published on an outgoing channel under {@code key}, oldest first. */
    <V> List<V> values(String channel, String key, Class<V> type) {
        List<? extends Message<?>> received = messaging.sink(channel).received();
        return received.stream().map(Message::getPayload).map(p -> (Record<?, ?>) p).filter(r -> key.equals(r.key()))
                .map(r -> type.cast(r.value())).toList();
    }

    int count(String channel) {
        return messaging.sink(channel).received().size();
    }
}
