package dev.rotor.scheduler.schedule;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A new member of the leader-election group, each time the election (re)joins. The topic is created at each join rather
 * than once at start-up, so that a broker that is down when the scheduler starts is one more error the election
 * survives instead of a failed start.
 */
final class LeaderGroup implements Supplier<Consumer<byte[], byte[]>> {

    private static final int TIMEOUT_SECONDS = 30;

    private final String bootstrapServers;
    private final String topic;
    private final String group;
    private final String instance;
    private final Duration sessionTimeout;

    LeaderGroup(String bootstrapServers, String topic, String group, String instance, Duration sessionTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.group = group;
        this.instance = instance;
        this.sessionTimeout = sessionTimeout;
    }

    @Override
    public Consumer<byte[], byte[]> get() {
        createTopic();
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + instance,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 3,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    }

    private void createTopic() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(1), Optional.empty()))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Could not create the leader-election topic " + topic + " on Kafka at " + bootstrapServers
                        + ": " + e.getMessage() + ". Check that Kafka is up, or create it with one partition", e);
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Kafka at " + bootstrapServers + " did not answer within " + TIMEOUT_SECONDS
                    + "s while creating " + topic + ". Check that Kafka is up", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + topic, e);
        }
    }
}
