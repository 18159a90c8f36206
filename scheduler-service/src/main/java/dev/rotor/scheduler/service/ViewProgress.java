package dev.rotor.scheduler.service;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

import dev.rotor.contract.Topics;

/**
 * Whether the scheduler's view has read its topics up to where they ended when it started. Until
 * then, a secret it does not know may simply not be read yet, and a secret that looks due may have
 * completed a rotation that is not read yet: the cadence loop waits, and the API answers 503 rather
 * than a wrong 404 or 409. Once caught up, it stays caught up.
 */
@ApplicationScoped
public class ViewProgress {

    public static final Set<String> VIEW_TOPICS = Set.of(Topics.SECRET_REGISTRY, Topics.ROTATION_REQUESTED, Topics.ROTATION_COMPLETED,
            Topics.ROTATION_ROLLED_BACK, Topics.ROLLBACK_FAILED, Topics.ROTATION_FAILED, Topics.ROTATION_POLICY, Topics.ROTATION_CONTROL,
            Topics.ROTATION_APPROVALS, Topics.ROTATION_ROLLOUT);

    private static final Logger LOG = Logger.getLogger(ViewProgress.class);

    private final Set<String> assignedTopics = ConcurrentHashMap.newKeySet();
    /** Per partition not yet read to its start-up end: the offset after the last record to read. */
    private final Map<TopicPartition, Long> pending = new ConcurrentHashMap<>();
    private volatile boolean caughtUp;

    /** Partitions given to a view consumer, with their first and next-to-be-written offsets at that moment. */
    public void assigned(Map<TopicPartition, Long> beginning, Map<TopicPartition, Long> end) {
        if (caughtUp) {
            return;
        }
        end.forEach((partition, endOffset) -> {
            if (endOffset > beginning.getOrDefault(partition, 0L)) {
                pending.putIfAbsent(partition, endOffset);
            }
        });
        end.keySet().forEach(partition -> assignedTopics.add(partition.topic()));
    }

    public void processed(String topic, int partition, long offset) {
        if (!caughtUp) {
            pending.computeIfPresent(new TopicPartition(topic, partition), (p, target) -> offset + 1 >= target ? null : target);
        }
    }

    /** For a secret this instance does not know: unknown once the view has read its topics, not known yet before. */
    public RuntimeException secretNotFound(String secretId) {
        return caughtUp() ? new UnknownSecretException(secretId) : new ViewNotReadyException(pendingDescription());
    }

    public boolean caughtUp() {
        if (!caughtUp && assignedTopics.containsAll(VIEW_TOPICS) && pending.isEmpty()) {
            caughtUp = true;
            LOG.info("The scheduler's view has read its topics up to where they ended at start-up");
        }
        return caughtUp;
    }

    /** What is still being waited for, for messages and the readiness check. */
    public String pendingDescription() {
        Set<String> unassigned = new TreeSet<>(VIEW_TOPICS);
        unassigned.removeAll(assignedTopics);
        return "topics not yet assigned: " + unassigned + ", partitions still being read: " + new TreeSet<>(pending.keySet().stream()
                .map(TopicPartition::toString).toList());
    }
}
