package dev.rotor.scheduler.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class LeaderElectionTest {

    private static final String TOPIC = "rotor.scheduler.leader";
    private static final TopicPartition PARTITION_0 = new TopicPartition(TOPIC, 0);
    private static final Duration WITHIN = Duration.ofSeconds(10);

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Members members = new Members();
    private final LeaderElection election = new LeaderElection(members, TOPIC, "test",
            new LeaderElection.Backoff(Duration.ofMillis(10), Duration.ofMillis(40)), meters);

    @AfterEach
    void stop() {
        election.close();
    }

    @Test
    void aFailingMemberIsReplacedAndTheInstanceLeadsAgain() throws InterruptedException {
        MockConsumer<byte[], byte[]> first = members.next();
        first.schedulePollTask(() -> first.rebalance(List.of(PARTITION_0)));
        election.start();
        await().atMost(WITHIN).until(election::isLeader);

        CountDownLatch secondMayJoin = members.holdNextJoin();
        first.setPollException(new KafkaException("coordinator went away"));
        members.awaitJoinHeld();

        // Between the failure and the rejoin the instance must not believe it leads.
        assertThat(election.isLeader()).isFalse();
        assertThat(first.closed()).isTrue();
        LeaderElection.Status between = election.status();
        assertThat(between.running()).isTrue();
        assertThat(between.restarts()).isEqualTo(1);
        assertThat(between.lastError()).isEqualTo("KafkaException: coordinator went away");
        assertThat(meters.counter(LeaderElection.RESTARTS_METER).count()).isEqualTo(1.0);

        MockConsumer<byte[], byte[]> second = members.next();
        second.schedulePollTask(() -> second.rebalance(List.of(PARTITION_0)));
        secondMayJoin.countDown();
        await().atMost(WITHIN).until(election::isLeader);
        assertThat(second.subscription()).containsExactly(TOPIC);
    }

    @Test
    void aJoinThatThrowsIsRetriedUntilItWorks() {
        members.failNextJoins(3);
        MockConsumer<byte[], byte[]> member = members.next();
        member.schedulePollTask(() -> member.rebalance(List.of(PARTITION_0)));
        election.start();

        await().atMost(WITHIN).until(election::isLeader);
        assertThat(election.status().restarts()).isEqualTo(3);
        assertThat(election.status().lastError()).isEqualTo("IllegalStateException: Kafka did not answer (join 3)");
    }

    @Test
    void theBackoffDoublesUpToItsBound() {
        LeaderElection.Backoff backoff = LeaderElection.Backoff.DEFAULT;

        assertThat(backoff.first()).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(Duration.ofSeconds(16))).isEqualTo(Duration.ofSeconds(30));
        assertThat(backoff.after(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void closingStopsTheLoopAndTheLead() {
        MockConsumer<byte[], byte[]> member = members.next();
        member.schedulePollTask(() -> member.rebalance(List.of(PARTITION_0)));
        election.start();
        await().atMost(WITHIN).until(election::isLeader);

        election.close();

        assertThat(election.isLeader()).isFalse();
        assertThat(election.status().running()).isFalse();
        assertThat(election.status().restarts()).isZero();
        assertThat(member.closed()).isTrue();
    }

    /** Hands out the members the test prepared, in order; can fail or hold a join. */
    private static final class Members implements Supplier<Consumer<byte[], byte[]>> {

        private final BlockingQueue<MockConsumer<byte[], byte[]>> prepared = new LinkedBlockingQueue<>();
        private final CountDownLatch joinHeld = new CountDownLatch(1);
        private volatile CountDownLatch mayJoin = new CountDownLatch(0);
        private volatile int failuresLeft;
        private int joins;

        MockConsumer<byte[], byte[]> next() {
            MockConsumer<byte[], byte[]> member = new MockConsumer<>("earliest");
            member.updateBeginningOffsets(Map.of(PARTITION_0, 0L));
            prepared.add(member);
            return member;
        }

        void failNextJoins(int count) {
            failuresLeft = count;
        }

        CountDownLatch holdNextJoin() {
            mayJoin = new CountDownLatch(1);
            return mayJoin;
        }

        void awaitJoinHeld() throws InterruptedException {
            assertThat(joinHeld.await(WITHIN.toSeconds(), TimeUnit.SECONDS)).as("the election tried to rejoin").isTrue();
        }

        @Override
        public Consumer<byte[], byte[]> get() {
            joins++;
            if (failuresLeft > 0) {
                failuresLeft--;
                throw new IllegalStateException("Kafka did not answer (join " + joins + ")");
            }
            if (mayJoin.getCount() > 0) {
                joinHeld.countDown();
                try {
                    mayJoin.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            MockConsumer<byte[], byte[]> member = prepared.poll();
            if (member == null) {
                throw new IllegalStateException("the test prepared no further member");
            }
            return member;
        }
    }
}
