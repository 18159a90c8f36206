package dev.rotor.scheduler.schedule;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A new member of the leader-election group, each time the election (re)joins. The topic is the deployment's to create
 * (deploy/kafka/bus.tsv), with one partition: the scheduler's principal may read it, not create it.
 */
final class LeaderGroup implements Supplier<Consumer<byte[], byte[]>> {

    private final Map<String, Object> kafka;
    private final String topic;
    private final String group;
    private final String instance;
    private final Duration sessionTimeout;

    LeaderGroup(Map<String, Object> kafka, String topic, String group, String instance, Duration sessionTimeout) {
        this.kafka = kafka;
        this.topic = topic;
        this.group = group;
        this.instance = instance;
        this.sessionTimeout = sessionTimeout;
    }

    @Override
    public Consumer<byte[], byte[]> get() {
        Map<String, Object> settings = new HashMap<>(kafka);
        settings.putAll(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + instance,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 3,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        return new KafkaConsumer<>(settings);
    }
}
