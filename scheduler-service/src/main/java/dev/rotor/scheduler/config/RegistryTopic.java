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
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import dev.rotor.contract.Topics;
import io.quarkus.runtime.StartupEvent;

/**
 * Makes sure secret.registry exists and is compacted before anything reads or writes it: the
 * registry is the latest registration per secret id, and a topic with the delete policy (what a
 * broker auto-creates) would forget registrations after its retention time.
 */
@ApplicationScoped
class RegistryTopic {

    private static final Logger LOG = Logger.getLogger(RegistryTopic.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final SchedulerConfig config;
    private final String bootstrapServers;

    RegistryTopic(SchedulerConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    // Early among start-up observers. The registry's consumer waits for the topic rather than creating it
    // (allow.auto.create.topics=false), and nothing is published to it before start-up completes.
    void ensureCompacted(@Observes @Priority(1) StartupEvent startup) {
        if (!config.registryTopic().create()) {
            return;
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            if (!create(admin)) {
                compactIfNeeded(admin);
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create or check the compacted topic " + Topics.SECRET_REGISTRY
                    + " on Kafka at " + bootstrapServers + ": " + e.getMessage()
                    + ". Check that Kafka is up (./rotor up), or create the topic with cleanup.policy=compact"
                    + " and set rotor.scheduler.registry-topic.create=false", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating " + Topics.SECRET_REGISTRY, e);
        }
    }

    private boolean create(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        NewTopic topic = new NewTopic(Topics.SECRET_REGISTRY, Optional.of(config.registryTopic().partitions()),
                Optional.of(config.registryTopic().replicationFactor()))
                .configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT));
        try {
            admin.createTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.infof("Created the compacted topic %s", Topics.SECRET_REGISTRY);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicExistsException) {
                return false;
            }
            throw e;
        }
    }

    private void compactIfNeeded(Admin admin) throws ExecutionException, InterruptedException, TimeoutException {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SECRET_REGISTRY);
        Config current = admin.describeConfigs(List.of(resource)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(resource);
        ConfigEntry policy = current.get(TopicConfig.CLEANUP_POLICY_CONFIG);
        if (policy != null && policy.value().contains(TopicConfig.CLEANUP_POLICY_COMPACT)) {
            return;
        }
        LOG.warnf("Topic %s existed with cleanup.policy=%s (probably auto-created by a consumer); switching it to compact",
                Topics.SECRET_REGISTRY, policy == null ? "unset" : policy.value());
        AlterConfigOp compact = new AlterConfigOp(
                new ConfigEntry(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT), AlterConfigOp.OpType.SET);
        admin.incrementalAlterConfigs(Map.of(resource, List.of(compact))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
}
