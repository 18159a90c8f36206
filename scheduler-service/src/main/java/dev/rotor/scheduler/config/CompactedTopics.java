package dev.rotor.scheduler.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

import dev.rotor.contract.Topics;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;

/**
 * Makes sure the scheduler's state topics exist and are compacted before anything reads or writes
 * them: each holds the latest record per key (registration, applied policy, pause, approval, wave), and a
 * topic with the delete policy (what a broker auto-creates) would forget them after its retention.
 * The policy, control, approval and rollout topics have one partition: they are small, and one partition
 * gives every instance the same order of decisions (the last applied policy is the same everywhere).
 */
@ApplicationScoped
class CompactedTopics {

    private static final Logger LOG = Logger.getLogger(CompactedTopics.class);
    private static final long TIMEOUT_SECONDS = 30;
    private static final int CONTROL_PARTITIONS = 1;

    private final SchedulerConfig config;
    private final Map<String, Object> kafka;

    CompactedTopics(SchedulerConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka) {
        this.config = config;
        this.kafka = kafka;
    }

    // Early among start-up observers. The consumers wait for the topics rather than creating them
    // (allow.auto.create.topics=false), and nothing is published to them before start-up completes.
    void ensureCompacted(@Observes @Priority(1) StartupEvent startup) {
        if (!config.registryTopic().create()) {
            return;
        }
        Map<String, Integer> topics = Map.of(Topics.SECRET_REGISTRY, config.registryTopic().partitions(),
                Topics.ROTATION_POLICY, CONTROL_PARTITIONS, Topics.ROTATION_CONTROL, CONTROL_PARTITIONS,
                Topics.ROTATION_APPROVALS, CONTROL_PARTITIONS, Topics.ROTATION_ROLLOUT, CONTROL_PARTITIONS);
        try (Admin admin = Admin.create(kafka)) {
            for (Map.Entry<String, Integer> topic : topics.entrySet()) {
                if (!create(admin, topic.getKey(), topic.getValue())) {
                    compactIfNeeded(admin, topic.getKey());
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create or check the compacted topics " + topics.keySet()
                    + " on Kafka at " + kafka.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG) + ": " + e.getMessage()
                    + ". Check that Kafka is up (./rotor up), or create the topics with cleanup.policy=compact"
                    + " and set rotor.scheduler.registry-topic.create=false", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + topics.keySet(), e);
        }
    }

    private boolean create(Admin admin, String name, int partitions) throws ExecutionException, InterruptedException, TimeoutException {
        NewTopic topic = new NewTopic(name, Optional.of(partitions), Optional.of(config.registryTopic().replicationFactor()))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.infof("Created the compacted topic %s", name);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    private void compactIfNeeded(Admin admin, String name) throws ExecutionException, InterruptedException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, name);
        Config current = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
        ConfigEntry policy = current.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            return;
        }
        LOG.warnf("Topic %s existed with cleanup.policy=%s (probably auto-created by a consumer); switching it to compact",
                name, policy == null ? "unset" : policy.value());
        AlterConfigOp compact = new AlterConfigOp(
                new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(compact))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
