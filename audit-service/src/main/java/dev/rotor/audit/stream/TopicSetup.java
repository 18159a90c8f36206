package dev.rotor.audit.stream;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.jboss.logging.Logger;

import dev.rotor.contract.Topics;
import io.quarkus.runtime.StartupEvent;

/**
 * Creates the topics the audit reads and writes when they do not exist yet. Quarkus starts the
 * pipeline only once every input topic exists, and on a fresh cluster some appear only with their
 * first event (rotation.rollback-failed perhaps never): without this the audit would wait for them
 * forever. Broker defaults apply, as they do to the topics producers auto-create, so every lifecycle
 * topic gets the same partition count.
 */
@ApplicationScoped
class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);
    private static final long TIMEOUT_SECONDS = 30;
    private static final int DESCRIBE_ATTEMPTS = 20;
    private static final long DESCRIBE_PAUSE_MILLIS = 250;

    void createMissingTopics(@Observes StartupEvent startup, StreamsConfig streamsConfig) {
        Object bootstrap = streamsConfig.originals().get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (Admin admin = Admin.create(streamsConfig.getAdminConfigs("rotor-audit-topic-setup"))) {
            Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            List<NewTopic> missing = wantedTopics().filter(topic -> !existing.contains(topic.name())).toList();
            if (!missing.isEmpty()) {
                for (Map.Entry<String, KafkaFuture<Void>> creation : admin.createTopics(missing).values().entrySet()) {
                    awaitCreated(creation.getKey(), creation.getValue());
                }
                LOG.infof("Created the missing topics %s", missing.stream().map(NewTopic::name).toList());
            }
            requireCoPartitioned(admin);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not check or create the audit's topics on Kafka at " + bootstrap + ": " + e
                    + ". Start the local stack (./rotor up) or point ROTOR_KAFKA at a reachable broker.", e);
        }
    }

    private static Stream<NewTopic> wantedTopics() {
        Map<String, String> compacted = Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        return Stream.concat(
                Stream.concat(AuditTopology.inputTopics().stream(),
                        Stream.of(Topics.ROTATION_AUDIT, Topics.ROTATION_INCOMPLETE, AuditTopology.DEAD_LETTER_TOPIC))
                        .map(TopicSetup::withBrokerDefaults),
                Stream.of(withBrokerDefaults(Topics.SECRET_STATUS).configs(compacted),
                        withBrokerDefaults(Topics.SECRET_REGISTRY).configs(compacted),
                        withBrokerDefaults(Topics.ROTATION_AUDIT_CHECKPOINTS).configs(compacted)));
    }

    /**
     * A secret's events and its registration are folded in one task only if every topic that holds
     * them has the same partition count; with different counts some secrets would silently never meet
     * their registration (or their other events), so the audit does not start.
     */
    private static void requireCoPartitioned(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
        List<String> folded = Stream.concat(AuditTopology.inputTopics().stream(), Stream.of(Topics.SECRET_REGISTRY)).toList();
        Map<String, Integer> partitions = new TreeMap<>();
        describe(admin, folded).forEach((name, description) -> partitions.put(name, description.partitions().size()));
        if (new HashSet<>(partitions.values()).size() > 1) {
            throw new IllegalStateException("The audit folds each secret's events and registration in one task, so these topics"
                    + " must have the same partition count, but they have " + partitions + ". Re-create the odd ones with the"
                    + " count of the others (kafka-topics.sh --alter --partitions can only add, and moves keys).");
        }
    }

    /** A topic just created may not be in the broker's metadata yet: ask again for a few seconds before giving up. */
    private static Map<String, TopicDescription> describe(Admin admin, List<String> topics)
            throws InterruptedException, ExecutionException, TimeoutException {
        for (int attempt = 1; ; attempt++) {
            try {
                return admin.describeTopics(topics).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || attempt == DESCRIBE_ATTEMPTS) {
                    throw e;
                }
                Thread.sleep(DESCRIBE_PAUSE_MILLIS);
            }
        }
    }

    private static NewTopic withBrokerDefaults(String name) {
        return new NewTopic(name, Optional.empty(), Optional.empty());
    }

    private static void awaitCreated(String topic, KafkaFuture<Void> creation)
            throws InterruptedException, ExecutionException, TimeoutException {
        try {
            creation.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
            LOG.debugf("Topic %s was created meanwhile by someone else", topic);
        }
    }
}
