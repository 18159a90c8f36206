package dev.rotor.audit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.junit.jupiter.api.Test;

import dev.rotor.stack.testing.MovableClock;
import io.apicurio.registry.rest.client.exception.RestClientException;
import io.apicurio.registry.rest.v2.beans.Error;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A stream thread that died of a fault that can pass is replaced after a backoff; any other death stops the audit. */
class StreamThreadRecoveryTest {

    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();
    private final MovableClock clock = new MovableClock(Instant.parse("2026-12-02T10:00:00Z"));
    private final List<Duration> pauses = new ArrayList<>();
    private final StreamThreadRecovery recovery = new StreamThreadRecovery(metrics, clock, pauses::add);

    @Test
    void aRegistryThatFailsARegistrationReplacesTheThreadAndIsCounted() {
        // What the flaky run met: the registry's storage refused a first registration of secret.status's schema.
        Error error = new Error();
        error.setErrorCode(500);
        error.setMessage("Unique index or primary key violation: PUBLIC.CONTENT");
        StreamsException died = new StreamsException("Error encountered sending record to topic secret.status",
                new RestClientException(error));

        assertThat(recovery.handle(died)).isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(metrics.get("rotor.audit.stream.threads.replaced").tag("cause", "registry").counter().count()).isEqualTo(1);
        assertThat(pauses).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void aBrokerOrRegistryThatDoesNotAnswerReplacesTheThread() {
        assertThat(recovery.handle(new StreamsException(new TimeoutException("Expiring 3 record(s)"))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(recovery.handle(new StreamsException(new RuntimeException(new ConnectException("Connection refused")))))
                .isEqualTo(StreamThreadExceptionResponse.REPLACE_THREAD);
        assertThat(metrics.get("rotor.audit.stream.threads.replaced").tag("cause", "broker").counter().count()).isEqualTo(1);
        assertThat(metrics.get("rotor.audit.stream.threads.replaced").tag("cause", "io").counter().count()).isEqualTo(1);
    }

    @Test
    void repeatedDeathsBackOffUpToThirtySecondsAndACalmPeriodStartsOver() {
        StreamsException outage = new StreamsException(new TimeoutException("no broker"));
        for (int i = 0; i < 7; i++) {
            recovery.handle(outage);
            clock.advance(Duration.ofSeconds(40));
        }
        assertThat(pauses).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
                Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30));

        clock.advance(StreamThreadRecovery.CALM);
        recovery.handle(outage);
        assertThat(pauses.get(pauses.size() - 1)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anyOtherErrorStopsTheAuditAtOnceRatherThanKillingEveryNewThread() {
        assertThat(recovery.handle(new StreamsException(new NullPointerException("a bug"))))
                .isEqualTo(StreamThreadExceptionResponse.SHUTDOWN_CLIENT);
        assertThat(pauses).isEmpty();
        assertThat(metrics.find("rotor.audit.stream.threads.replaced").counters()).isEmpty();
    }
}
