package dev.rotor.audit.stream;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.Unremovable;

/**
 * What Kafka Streams does with a stream thread that died (Quarkus installs this bean on the audit's client). A fault
 * that can pass replaces the thread: the schema registry failing a registration (seen on the local stack: two first
 * registrations of one schema at the same moment, a primary-key violation in the registry's H2 storage, killed the
 * audit for good under the default SHUTDOWN_CLIENT), a registry or broker that does not answer. Exactly-once means the
 * new thread resumes from the last committed offsets and processes those records again: nothing is lost, nothing is
 * audited twice. Any other exception is a fault every new thread would meet again: the client shuts down and the
 * health check reports it. Replacements back off, 1 s doubling to 30 s, so that an outage is not a busy loop. A
 * registry that refuses a schema as incompatible is retried like an outage, with a warning every 30 s: the
 * contract's compatibility tests (schemas) keep such a schema from being deployed.
 */
@ApplicationScoped
@Unremovable // nothing injects it: Quarkus's Kafka Streams producer looks it up by type
public class StreamThreadRecovery implements StreamsUncaughtExceptionHandler {

    private static final Logger LOG = Logger.getLogger(StreamThreadRecovery.class);
    static final Duration FIRST_PAUSE = Duration.ofSeconds(1);
    static final Duration LONGEST_PAUSE = Duration.ofSeconds(30);
    /** A death this long after the previous replacement starts the backoff again. */
    static final Duration CALM = Duration.ofMinutes(5);

    /** Waits before a replacement; a test passes one that records instead. */
    interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final MeterRegistry metrics;
    private final Clock clock;
    private final Pause pause;
    private Instant lastReplacement = Instant.MIN;
    private Duration nextPause = FIRST_PAUSE;

    @Inject
    StreamThreadRecovery(MeterRegistry metrics, Clock clock) {
        this(metrics, clock, duration -> Thread.sleep(duration.toMillis()));
    }

    StreamThreadRecovery(MeterRegistry metrics, Clock clock, Pause pause) {
        this.metrics = metrics;
        this.clock = clock;
        this.pause = pause;
    }

    @Override
    public synchronized StreamThreadExceptionResponse handle(Throwable exception) {
        Optional<String> passing = passingCause(exception);
        if (passing.isEmpty()) {
            LOG.errorf(exception, "A stream thread of the audit died of an error a new thread would meet again: the audit stops"
                    + " (/q/health reports it). Restart audit-service once the cause above is fixed; it resumes from its last"
                    + " committed offsets");
            return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        }
        Duration wait = backoff();
        Counter.builder("rotor.audit.stream.threads.replaced")
                .description("Audit stream threads that died of a fault that can pass (registry, broker, I/O) and were replaced")
                .tag("cause", passing.get())
                .register(metrics)
                .increment();
        LOG.warnf("A stream thread of the audit died of a %s fault (%s); replacing it in %d ms: it resumes from the last committed"
                + " offsets, nothing is lost", passing.get(), exception.getMessage(), wait.toMillis());
        try {
            pause.pause(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return StreamThreadExceptionResponse.REPLACE_THREAD;
    }

    private Duration backoff() {
        Instant now = clock.instant();
        if (Duration.between(lastReplacement, now).compareTo(CALM) > 0) {
            nextPause = FIRST_PAUSE;
        }
        lastReplacement = now;
        Duration wait = nextPause;
        nextPause = nextPause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : nextPause.multipliedBy(2);
        return wait;
    }

    /** "registry", "broker" or "io" when something in the cause chain can pass; empty otherwise. */
    static Optional<String> passingCause(Throwable exception) {
        for (Throwable t = exception; t != null; t = t.getCause()) {
            if (t.getClass().getName().startsWith("io.apicurio.")) {
                return Optional.of("registry");
            }
            if (t instanceof RetriableException) {
                return Optional.of("broker");
            }
            if (t instanceof IOException) {
                return Optional.of("io");
            }
        }
        return Optional.empty();
    }
}
