package dev.rotor.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.rotor.stack.testing.RotorStack;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** Two instances electing through the real broker, one of whose first join fails. */
class LeaderElectionIT {

    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(6);
    private static final Duration WITHIN = Duration.ofSeconds(60);
    private static final LeaderElection.Backoff QUICK = new LeaderElection.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    private final String topic = "rotor.scheduler.leader.it-" + UUID.randomUUID();
    private final String group = "rotor-scheduler-leader-it-" + UUID.randomUUID();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final LeaderElection first = new LeaderElection(failingOnce(member("first")), topic, "first", QUICK, meters);
    private final LeaderElection second = new LeaderElection(member("second"), topic, "second", QUICK, new SimpleMeterRegistry());

    /** As the deployment creates rotor.scheduler.leader: one partition, so that one member holds it. */
    @BeforeEach
    void createTopic() {
        RotorStack.kafka().createTopic(topic, 1);
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void anInstanceWhoseJoinFailedRejoinsAndTakesOverWhenTheLeaderLeaves() {
        first.start();
        second.start();

        await().atMost(WITHIN).until(() -> first.status().restarts() == 1 && (first.isLeader() || second.isLeader()));
        assertThat(first.isLeader() && second.isLeader()).as("two leaders at once").isFalse();
        assertThat(first.status().lastError()).isEqualTo("IllegalStateException: injected: the broker refused the join");
        assertThat(meters.counter(LeaderElection.RESTARTS_METER).count()).isEqualTo(1.0);

        LeaderElection leader = first.isLeader() ? first : second;
        LeaderElection standby = leader == first ? second : first;
        leader.close();

        await().atMost(WITHIN).until(standby::isLeader);
        assertThat(leader.isLeader()).isFalse();
        assertThat(leader.status().running()).isFalse();
        assertThat(standby.status().running()).isTrue();
    }

    private Supplier<Consumer<byte[], byte[]>> member(String instance) {
        return new LeaderGroup(RotorStack.kafka().administratorSettings(), topic, group, instance, SESSION_TIMEOUT);
    }

    private static Supplier<Consumer<byte[], byte[]>> failingOnce(Supplier<Consumer<byte[], byte[]>> members) {
        AtomicBoolean failed = new AtomicBoolean();
        return () -> {
            if (failed.compareAndSet(false, true)) {
                throw new IllegalStateException("injected: the broker refused the join");
            }
            return members.get();
        };
    }
}
