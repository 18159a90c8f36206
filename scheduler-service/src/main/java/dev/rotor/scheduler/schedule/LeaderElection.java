package dev.rotor.scheduler.schedule;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jboss.logging.Logger;

/**
 * Leader election through Kafka's group protocol: every instance joins one consumer group on a
 * one-partition topic, and the member that is assigned partition 0 leads. Kafka gives that partition
 * to one member at a time and moves it when the leader leaves or stops heartbeating (session
 * timeout), so at most one instance ticks; nothing is ever written to the topic.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    private static final int TIMEOUT_SECONDS = 30;

    private final String bootstrapServers;
    private final String topic;
    private final String group;
    private final String instance;
    private final Duration sessionTimeout;
    private volatile boolean leader;
    private volatile KafkaConsumer<byte[], byte[]> consumer;
    private Thread thread;

    public LeaderElection(String bootstrapServers, String topic, String group, String instance, Duration sessionTimeout) {
        this.bootstrapServers = bootstrapServers;
        this.topic = topic;
        this.group = group;
        this.instance = instance;
        this.sessionTimeout = sessionTimeout;
    }

    public boolean isLeader() {
        return leader;
    }

    public synchronized void start() {
        createTopic();
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.CLIENT_ID_CONFIG, group + "-" + instance,
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) sessionTimeout.toMillis(),
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, (int) sessionTimeout.toMillis() / 3,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
        thread = new Thread(this::run, "rotor-leader-election-" + instance);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        KafkaConsumer<byte[], byte[]> member = consumer;
        try {
            member.subscribe(List.of(topic), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    lead(false);
                }

                @Override
                public void onPartitionsLost(Collection<TopicPartition> partitions) {
                    lead(false);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    lead(partitions.stream().anyMatch(p -> p.partition() == 0));
                }
            });
            while (!Thread.currentThread().isInterrupted()) {
                // Polling is the heartbeat that keeps the partition (and the lead) here.
                member.poll(Duration.ofMillis(500));
            }
        } catch (WakeupException e) {
            LOG.debugf("Leader election of %s stopping", instance);
        } catch (RuntimeException e) {
            LOG.errorf(e, "Leader election of %s failed: this instance stays a standby", instance);
        } finally {
            lead(false);
            member.close(Duration.ofSeconds(5));
        }
    }

    private void lead(boolean assigned) {
        if (assigned != leader) {
            leader = assigned;
            LOG.infof("Scheduler instance %s is now %s", instance, assigned ? "the leader (it ticks)" : "a standby");
        }
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
                    + "s while creating " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + topic, e);
        }
    }

    /** Leaves the group at once, so that a standby takes the lead without waiting for the session timeout. */
    @Override
    public synchronized void close() {
        if (consumer != null) {
            consumer.wakeup();
            try {
                thread.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            consumer = null;
        }
    }
}
