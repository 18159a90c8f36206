package dev.rotor.scheduler.schedule;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Leader election through Kafka's group protocol: every instance joins one consumer group on a
 * one-partition topic, and the member that is assigned partition 0 leads. Kafka gives that partition
 * to one member at a time and moves it when the leader leaves or stops heartbeating (session
 * timeout), so at most one instance ticks; nothing is ever written to the topic.
 *
 * <p>The loop supervises itself: an error closes the member (this instance stops leading at once), is logged and counted,
 * and the loop rejoins after a bounded backoff. Without that, one broker hiccup would leave the instance a standby for
 * the rest of its life, and with every instance hit by the same hiccup, no one would schedule anything.
 */
public final class LeaderElection implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    static final String RESTARTS_METER = "rotor.scheduler.leader.election.restarts";

    /** The wait before rejoining after an error: {@code first}, doubled after every failed join up to {@code longest}. */
    record Backoff(Duration first, Duration longest) {

        static final Backoff DEFAULT = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30));

        Duration after(Duration previous) {
            Duration doubled = previous.multipliedBy(2);
            return doubled.compareTo(longest) > 0 ? longest : doubled;
        }
    }

    /** What health shows: {@code lastError} is the exception's type and message (Kafka's, which hold no credential). */
    public record Status(boolean running, boolean leader, long restarts, String lastError) {
    }

    private final Supplier<Consumer<byte[], byte[]>> members;
    private final String topic;
    private final String instance;
    private final Backoff backoff;
    private final Counter restarts;
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean leader;
    private volatile boolean joined;
    private volatile String lastError;
    private Consumer<byte[], byte[]> member;
    private Thread thread;

    public LeaderElection(Map<String, Object> kafka, String topic, String group, String instance, Duration sessionTimeout,
            MeterRegistry meters) {
        this(new LeaderGroup(kafka, topic, group, instance, sessionTimeout), topic, instance, Backoff.DEFAULT, meters);
    }

    /** {@code members} gives a new group member at every (re)join. */
    LeaderElection(Supplier<Consumer<byte[], byte[]>> members, String topic, String instance, Backoff backoff, MeterRegistry meters) {
        this.members = members;
        this.topic = topic;
        this.instance = instance;
        this.backoff = backoff;
        this.restarts = Counter.builder(RESTARTS_METER)
                .description("Times the leader election loop failed and rejoined the group after a backoff")
                .register(meters);
    }

    public boolean isLeader() {
        return leader;
    }

    public Status status() {
        Thread running = thread;
        return new Status(running != null && running.isAlive(), leader, (long) restarts.count(), lastError);
    }

    public synchronized void start() {
        thread = new Thread(this::run, "rotor-leader-election-" + instance);
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        Duration next = backoff.first();
        while (stopping.getCount() > 0) {
            Duration wait = next;
            joined = false;
            try {
                follow();
                return;
            } catch (WakeupException e) {
                LOG.debugf("Leader election of %s stopping", instance);
                return;
            } catch (RuntimeException e) {
                // A member that got as far as an assignment worked for a while: start the backoff over.
                wait = joined ? backoff.first() : next;
                next = backoff.after(wait);
                failed(e, wait);
            } finally {
                lead(false);
                leave();
            }
            if (awaitStop(wait)) {
                return;
            }
        }
    }

    /** Joins the group and polls until stopped (returns) or until something fails (throws). */
    private void follow() {
        Consumer<byte[], byte[]> joining = members.get();
        if (!enlist(joining)) {
            joining.close(Duration.ZERO);
            return;
        }
        joining.subscribe(List.of(topic), new ConsumerRebalanceListener() {
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
                joined = true;
                lead(partitions.stream().anyMatch(p -> p.partition() == 0));
            }
        });
        while (stopping.getCount() > 0) {
            // Polling is the heartbeat that keeps the partition (and the lead) here.
            joining.poll(Duration.ofMillis(500));
        }
    }

    private void failed(RuntimeException e, Duration delay) {
        lastError = e.getClass().getSimpleName() + ": " + e.getMessage();
        restarts.increment();
        LOG.warnf(e, "Leader election of scheduler instance %s failed (%s): it is a standby and rejoins the group in %d ms"
                + " (restart %d). If this repeats, check Kafka and the topic %s", instance, lastError, delay.toMillis(), (long) restarts.count(), topic);
    }

    /** Makes {@code joining} the member that {@link #close()} wakes up; false when closing already began. */
    private synchronized boolean enlist(Consumer<byte[], byte[]> joining) {
        if (stopping.getCount() == 0) {
            return false;
        }
        member = joining;
        return true;
    }

    private synchronized void leave() {
        if (member == null) {
            return;
        }
        try {
            member.close(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debugf(e, "Leader election of %s: closing the group member failed; the broker drops it after the session timeout",
                    instance);
        }
        member = null;
    }

    private boolean awaitStop(Duration delay) {
        try {
            return stopping.await(delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    private void lead(boolean assigned) {
        if (assigned != leader) {
            leader = assigned;
            LOG.infof("Scheduler instance %s is now %s", instance, assigned ? "the leader (it ticks)" : "a standby");
        }
    }

    /** Leaves the group at once, so that a standby takes the lead without waiting for the session timeout. */
    @Override
    public void close() {
        Thread running;
        synchronized (this) {
            stopping.countDown();
            if (member != null) {
                member.wakeup();
            }
            running = thread;
        }
        if (running != null) {
            try {
                running.join(TimeUnit.SECONDS.toMillis(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
