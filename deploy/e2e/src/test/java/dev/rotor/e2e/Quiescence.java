package dev.rotor.e2e;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;

import dev.rotor.contract.Topics;
import dev.rotor.stack.testing.RotorStack;

/**
 * "Nothing else will happen", shown rather than slept on: every Rotor consumer group has committed
 * everything on its topics (a commit follows the processing and the events it published), and none of
 * the given secrets has a rotation in flight (a staging entry, which the deadline reaper would end).
 */
final class Quiescence {

    /** The groups that act on lifecycle events, with the topics each consumes. */
    private static final Map<String, List<String>> GROUPS = Map.of(
            "rotor-rotator", List.of(Topics.ROTATION_REQUESTED, Topics.VERIFICATION_SUCCEEDED, Topics.ROLLBACK_REQUESTED),
            "rotor-verifier", List.of(Topics.SECRET_UPDATED),
            "rotor-scheduler", List.of(Topics.VERIFICATION_FAILED));

    private Quiescence() {
    }

    static void await(Collection<String> secretIds, Duration atMost) {
        Awaitility.await().atMost(atMost).pollInterval(Duration.ofMillis(500)).until(() -> lag() == 0 && noneInFlight(secretIds));
    }

    /** Records not yet committed, summed over every group and partition. */
    static long lag() throws ExecutionException, InterruptedException {
        try (Admin admin = Admin.create(RotorServices.broker().administratorSettings())) {
            long lag = 0;
            for (var group : GROUPS.entrySet()) {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group.getKey())
                        .partitionsToOffsetAndMetadata().get();
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                for (var description : admin.describeTopics(group.getValue()).allTopicNames().get().values()) {
                    description.partitions().forEach(p -> latest.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
                }
                for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                    OffsetAndMetadata at = committed.get(end.getKey());
                    lag += end.getValue().offset() - (at == null ? 0 : at.offset());
                }
            }
            return lag;
        }
    }

    private static boolean noneInFlight(Collection<String> secretIds) throws Exception {
        for (String secretId : secretIds) {
            if (Fixtures.exists("rotor-staging/" + secretId)) {
                return false;
            }
        }
        return true;
    }
}
