package dev.rotor.audit.stream;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rotor.audit.RotationEvents;
import dev.rotor.audit.domain.SecretState;
import dev.rotor.audit.domain.Staleness;
import dev.rotor.audit.metrics.AuditGauges;
import dev.rotor.contract.Topics;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationOutcome;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.SecretStatus;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;
import io.micrometer.prometheus.PrometheusConfig;
import io.micrometer.prometheus.PrometheusMeterRegistry;

/** Staleness from registration and completions, as the store, secret.status and the gauges show it. */
class StalenessTopologyTest {

    private static final String SECRET = "db/orders-app";
    private static final Instant REGISTERED = Instant.parse("2025-03-01T10:00:00Z");
    private static final Duration MAX_AGE = Duration.ofDays(30);

    @TempDir
    Path stateDir;

    private AuditDriver audit;

    @BeforeEach
    void start() {
        audit = new AuditDriver(stateDir, REGISTERED);
    }

    @AfterEach
    void close() {
        audit.close();
    }

    @Test
    void aSecretThatNeverRotatedIsStaleFromItsRegistration() {
        audit.publish(registration(SECRET, "P30D", null, null));

        SecretStatus status = audit.latestStatus();
        assertThat(status.getSecretId()).isEqualTo(SECRET);
        assertThat(status.getLastOutcome()).isEqualTo(RotationOutcome.UNKNOWN);
        assertThat(status.getSecretClass()).isEqualTo("database");
        assertThat(status.getOwner()).isEqualTo("team-orders");
        assertThat(status.getCadence()).isEqualTo("P30D");
        assertThat(status.getRegisteredAt()).isEqualTo(REGISTERED);
        assertThat(status.getDueAt()).isEqualTo(REGISTERED.plus(MAX_AGE));
        assertThat(status.getLastSuccessAt()).isNull();

        SecretState state = audit.secretState(SECRET);
        assertThat(state.staleness(REGISTERED.plus(MAX_AGE).minusSeconds(1)).overdue()).isFalse();
        Staleness overdue = state.staleness(REGISTERED.plus(MAX_AGE).plusSeconds(1));
        assertThat(overdue.overdue()).isTrue();
        assertThat(overdue.breached()).isFalse();
        assertThat(overdue.secondsSinceLastSuccess()).isEqualTo(MAX_AGE.toSeconds() + 1);
        assertThat(state.staleness(REGISTERED.plus(MAX_AGE).plus(Duration.ofDays(7)).plusSeconds(1)).breached()).isTrue();
    }

    @Test
    void onlyACompletionMovesTheLastSuccessAndNeverBackwards() {
        audit.publish(registration(SECRET, "0 3 * * SUN", MAX_AGE.toSeconds(), null));
        RotationEvents latest = RotationEvents.rotation(SECRET);
        Instant completedAt = REGISTERED.plus(Duration.ofDays(10));
        audit.publish(latest.requested(completedAt.minusSeconds(5), "scheduler"));
        audit.publish(latest.updated(completedAt.minusSeconds(4), 3));
        audit.publish(latest.verified(completedAt.minusSeconds(3)));
        assertThat(audit.latestStatus().getLastSuccessAt()).as("a write is not a success").isNull();
        audit.publish(latest.completed(completedAt, 4));
        RotationEvents older = RotationEvents.rotation(SECRET);
        audit.publish(RotationCompleted.newBuilder(older.completed(REGISTERED.plus(Duration.ofDays(2)), 2))
                .setNewStoreVersion(null).setPreviousStoreVersion(null).build());

        SecretStatus status = audit.latestStatus();
        assertThat(status.getLastSuccessAt()).isEqualTo(completedAt);
        assertThat(status.getDueAt()).isEqualTo(completedAt.plus(MAX_AGE));
        assertThat(status.getLastRequestedAt()).isEqualTo(completedAt.minusSeconds(5));
        assertThat(status.getStoreVersion()).isEqualTo(4);
    }

    @Test
    void aBackfilledCompletionStartsTheStalenessFromTheTruth() {
        audit.publish(registration(SECRET, "P30D", null, null));
        Instant historic = REGISTERED.minus(Duration.ofDays(40));
        audit.publish(RotationCompleted.newBuilder(RotationEvents.rotation(SECRET).completed(historic, 1))
                .setNewStoreVersion(null).setPreviousStoreVersion(null).build());

        SecretState state = audit.secretState(SECRET);
        assertThat(state.lastSuccessAt()).isEqualTo(historic);
        assertThat(state.staleness(REGISTERED).overdue()).as("due 10 days ago").isTrue();
    }

    @Test
    void anExemptSecretIsNeverOverdueAndACronCadenceWithoutMaxAgeIsUnknown() {
        Instant exemptUntil = REGISTERED.plus(Duration.ofDays(90));
        audit.publish(registration("db/exempt", "P30D", null, exemptUntil));
        audit.publish(registration("db/cron", "0 3 * * SUN", null, null));

        Instant later = REGISTERED.plus(Duration.ofDays(60));
        Staleness exempt = audit.secretState("db/exempt").staleness(later);
        assertThat(exempt.exempt()).isTrue();
        assertThat(exempt.overdue()).isFalse();
        assertThat(audit.secretState("db/exempt").staleness(exemptUntil.plusSeconds(1)).overdue()).isTrue();
        Staleness cron = audit.secretState("db/cron").staleness(later);
        assertThat(cron.maxAge()).isNull();
        assertThat(cron.dueAt()).isNull();
        assertThat(cron.overdue()).isFalse();
        assertThat(cron.secondsSinceLastSuccess()).isEqualTo(Duration.ofDays(60).toSeconds());
    }

    @Test
    void theGaugesAreComputedFromTheStoresAtScrapeTime() {
        audit.publish(registration("db/fresh", "P30D", null, null));
        audit.publish(registration("db/overdue", "P2D", null, null));
        audit.publish(registration("db/breached", "PT1H", null, null));
        RotationEvents fresh = RotationEvents.rotation("db/fresh");
        Instant now = REGISTERED.plus(Duration.ofDays(8)).plus(Duration.ofHours(2));
        audit.publish(fresh.completed(now.minusSeconds(600), 2));
        audit.publish(fresh.requested(now.minusSeconds(700), "scheduler"));
        audit.publish(fresh.updated(now.minusSeconds(650), 1));

        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        AuditGauges gauges = new AuditGauges(() -> Optional.of(states()), () -> Optional.of((long) audit.incompleteRotationIds().size()),
                Clock.fixed(now, ZoneOffset.UTC));
        gauges.bindTo(registry);
        registry.getPrometheusRegistry().register(gauges.lastSuccessCollector());
        audit.advanceWallClock(Duration.ofMinutes(5));

        String scrape = registry.scrape();
        assertThat(scrape).contains("secret_rotation_last_success_seconds{secret_id=\"db/fresh\",class=\"database\",owner=\"team-orders\",} 600.0");
        assertThat(scrape).contains("secret_rotation_last_success_seconds{secret_id=\"db/overdue\",class=\"database\",owner=\"team-orders\",} "
                + (double) Duration.between(REGISTERED, now).toSeconds());
        // db/overdue is 6 days 2 hours past due, db/breached more than 7 days.
        assertThat(scrape).contains("rotor_secrets_overdue 2.0", "rotor_secrets_breached 1.0",
                "rotor_audit_incomplete_rotations 1.0");
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicWithWhereItCameFrom() {
        audit.publishRaw(Topics.SECRET_REGISTRY, SECRET, "not avro".getBytes(StandardCharsets.UTF_8));
        audit.publish(registration(SECRET, "P30D", null, null));

        var deadLetter = audit.deadLetters.readRecord();
        assertThat(new String(deadLetter.value(), StandardCharsets.UTF_8)).isEqualTo("not avro");
        assertThat(deadLetter.key()).isEqualTo(SECRET);
        assertThat(header(deadLetter.headers(), "dead-letter-topic")).isEqualTo(Topics.SECRET_REGISTRY);
        assertThat(header(deadLetter.headers(), "dead-letter-partition")).isEqualTo("0");
        assertThat(header(deadLetter.headers(), "dead-letter-offset")).isEqualTo("0");
        assertThat(header(deadLetter.headers(), "dead-letter-reason")).startsWith("SerializationException");
        assertThat(audit.meters.get("rotor.audit.unreadable.records").tag("topic", Topics.SECRET_REGISTRY).counter().count()).isEqualTo(1.0);
        assertThat(audit.secretState(SECRET).registration()).as("the audit went on").isNotNull();
    }

    private static String header(org.apache.kafka.common.header.Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private List<SecretState> states() {
        KeyValueStore<String, SecretState> store = audit.driver.getKeyValueStore(AuditTopology.SECRET_STATUS_STORE);
        List<SecretState> states = new ArrayList<>();
        try (KeyValueIterator<String, SecretState> all = store.all()) {
            all.forEachRemaining(entry -> states.add(entry.value));
        }
        return states;
    }

    static SecretRegistered registration(String secretId, String cadence, Long maxAgeSeconds, Instant exemptUntil) {
        return SecretRegistered.newBuilder()
                .setSecretId(secretId).setRegisteredAt(REGISTERED).setInitiator("alice")
                .setSecretClass("database").setOwner("team-orders").setCadence(cadence)
                .setStore(StoreRef.newBuilder().setMount("secret").setPath("rotor/" + secretId).build())
                .setTarget(TargetRef.newBuilder().setType("postgresql").setHost("127.0.0.1").setPort(5433).setRole("orders").build())
                .setMaxAgeSeconds(maxAgeSeconds).setExemptUntil(exemptUntil)
                .build();
    }
}
