package dev.rotor.scheduler.policy;

import static dev.rotor.scheduler.policy.MatrixFixtures.CANARY;
import static dev.rotor.scheduler.policy.MatrixFixtures.NIGHTS;
import static dev.rotor.scheduler.policy.MatrixFixtures.bareClass;
import static dev.rotor.scheduler.policy.MatrixFixtures.cadence;
import static dev.rotor.scheduler.policy.MatrixFixtures.emptyEntry;
import static dev.rotor.scheduler.policy.MatrixFixtures.fullClass;
import static dev.rotor.scheduler.policy.MatrixFixtures.matrix;
import static dev.rotor.scheduler.policy.MatrixFixtures.rotatingWith;
import static dev.rotor.scheduler.policy.MatrixFixtures.secret;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.rotor.target.Strategy;

import dev.rotor.scheduler.domain.ManagedSecret;

class RotationMatrixTest {

    private static final Exemption LEGACY = new Exemption("db/legacy-*", "ERP migration OPS-1234", Instant.parse("2026-06-30T00:00:00Z"));
    private static final Exemption ALL_DB = new Exemption("db/*", "quarter-end freeze", Instant.parse("2026-01-05T00:00:00Z"));

    @Test
    void aSecretEntryOverridesItsClassWhichOverridesTheRegistration() {
        RotationWindow mornings = new RotationWindow(Set.of(DayOfWeek.FRIDAY), LocalTime.of(6, 0), LocalTime.of(8, 0), ZoneOffset.UTC);
        Exemption own = new Exemption("db/orders", "audit in progress", Instant.parse("2026-03-01T00:00:00Z"));
        SecretPolicy orders = new SecretPolicy("db/orders", Optional.of("team-orders"), Optional.of("orders@example.com"),
                Optional.of(cadence("P7D")), Optional.of(List.of(mornings)), Optional.of(Duration.ofMinutes(10)), Optional.of(false),
                Optional.of(own), Optional.of(Strategy.SINGLE_USER));
        RotationMatrix matrix = matrix("r1", Limits.NONE,
                List.of(rotatingWith(fullClass("database", List.of("db/*"), ALL_DB), Strategy.ALTERNATING_USERS)), orders);

        EffectivePolicy policy = matrix.resolve(secret("db/orders", "cache"));

        assertThat(policy).isEqualTo(new EffectivePolicy("db/orders", "database", "team-orders", Optional.of("orders@example.com"),
                cadence("P7D"), List.of(mornings), Duration.ofMinutes(10), Optional.of(own), false, CANARY, 5, 4,
                Optional.of(Strategy.SINGLE_USER)));
    }

    @Test
    void whatTheSecretEntryLeavesOutComesFromTheClass() {
        RotationMatrix matrix = matrix("r1", Limits.NONE,
                List.of(rotatingWith(fullClass("database", List.of("db/*"), ALL_DB), Strategy.ALTERNATING_USERS)), emptyEntry("db/orders"));

        EffectivePolicy withEntry = matrix.resolve(secret("db/orders", "database"));
        EffectivePolicy withoutEntry = matrix.resolve(secret("db/billing", "database"));

        assertThat(withEntry).isEqualTo(new EffectivePolicy("db/orders", "database", "team-database", Optional.of("#database"),
                cadence("P14D"), List.of(NIGHTS), Duration.ofMinutes(30), Optional.of(ALL_DB), true, CANARY, 5, 4,
                Optional.of(Strategy.ALTERNATING_USERS)));
        assertThat(withoutEntry.owner()).isEqualTo("team-database");
        assertThat(withoutEntry.cadence()).isEqualTo(cadence("P14D"));
    }

    @Test
    void whatTheClassLeavesOutComesFromTheRegistration() {
        RotationMatrix matrix = matrix("r1", Limits.NONE, List.of(bareClass("database", List.of("db/*"))));

        EffectivePolicy policy = matrix.resolve(secret("db/orders", "database"));

        assertThat(policy.owner()).isEqualTo("team-database");
        assertThat(policy.cadence()).isEqualTo(new Cadence.Every("P30D", Duration.ofDays(30)));
        assertThat(policy.contact()).isEmpty();
        assertThat(policy.windows()).isEmpty();
        assertThat(policy.exemption()).isEmpty();
    }

    @Test
    void theFirstClassInFileOrderWhoseScopeMatchesWinsOverTheRegisteredClass() {
        ClassPolicy eu = fullClass("eu-database", List.of("db/eu-*", "pg/eu-*"));
        ClassPolicy database = fullClass("database", List.of("db/*"));
        ClassPolicy cache = fullClass("cache", List.of("redis/*"));

        RotationMatrix euFirst = matrix("r1", Limits.NONE, List.of(eu, database, cache));
        assertThat(euFirst.resolve(secret("db/eu-orders", "cache")).secretClass()).isEqualTo("eu-database");
        assertThat(euFirst.resolve(secret("pg/eu-orders", "database")).secretClass()).isEqualTo("eu-database");
        assertThat(euFirst.resolve(secret("db/us-orders", "cache")).secretClass()).isEqualTo("database");

        RotationMatrix databaseFirst = matrix("r2", Limits.NONE, List.of(database, eu, cache));
        assertThat(databaseFirst.resolve(secret("db/eu-orders", "cache")).secretClass()).isEqualTo("database");
    }

    @Test
    void withoutAMatchingScopeTheRegisteredClassAppliesIfTheMatrixHasIt() {
        RotationMatrix matrix = matrix("r1", Limits.NONE, List.of(fullClass("database", List.of("db/*")), fullClass("cache", List.of())));

        EffectivePolicy byRegistration = matrix.resolve(secret("redis/sessions", "cache"));

        assertThat(byRegistration.secretClass()).isEqualTo("cache");
        assertThat(byRegistration.owner()).isEqualTo("team-cache");
        assertThat(matrix.covers(secret("redis/sessions", "cache"))).isTrue();
        assertThat(matrix.covers(secret("kafka/client", "messaging"))).isFalse();
        assertThat(matrix.classOf(secret("kafka/client", "messaging"))).isEmpty();
    }

    @Test
    void theFirstMatchingExemptionAppliesWhateverItsExpiryAndASecretsOwnOneWins() {
        Exemption expired = new Exemption("db/old-*", "long over", Instant.parse("2020-01-01T00:00:00Z"));
        Exemption own = new Exemption("db/legacy-crm", "contract ends in March", Instant.parse("2026-03-31T00:00:00Z"));
        SecretPolicy crm = new SecretPolicy("db/legacy-crm", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.of(own), Optional.empty());
        RotationMatrix matrix = matrix("r1", Limits.NONE, List.of(fullClass("database", List.of("db/*"), LEGACY, expired, ALL_DB)), crm);

        assertThat(matrix.resolve(secret("db/legacy-erp", "database")).exemption()).contains(LEGACY);
        assertThat(matrix.resolve(secret("db/old-billing", "database")).exemption()).contains(expired);
        assertThat(matrix.resolve(secret("db/orders", "database")).exemption()).contains(ALL_DB);
        assertThat(matrix.resolve(secret("db/legacy-crm", "database")).exemption()).contains(own);
        assertThat(matrix("r2", Limits.NONE, List.of(fullClass("database", List.of("db/*"), LEGACY)))
                .resolve(secret("db/orders", "database")).exemption()).isEmpty();
    }

    @Test
    void aSecretNoClassReachesKeepsItsRegistrationAndTheDefaults() {
        ManagedSecret kafka = secret("kafka/client", "messaging");
        EffectivePolicy expected = new EffectivePolicy("kafka/client", "messaging", "team-registered", Optional.empty(),
                new Cadence.Every("P30D", Duration.ofDays(30)), List.of(), PolicyDefaults.JITTER, Optional.empty(),
                PolicyDefaults.EMERGENCY_NEEDS_APPROVAL, Rollout.ALL_AT_ONCE, PolicyDefaults.MAX_CONCURRENT,
                PolicyDefaults.MAX_CONSECUTIVE_FAILURES, Optional.empty());

        assertThat(matrix("r1", Limits.NONE, List.of(fullClass("database", List.of("db/*")))).resolve(kafka)).isEqualTo(expected);
        assertThat(PolicyBook.NO_POLICY.resolve(kafka)).isEqualTo(expected);
        assertThat(PolicyBook.NO_POLICY.covers(kafka)).isFalse();
        assertThat(new PolicyBook().policyOf(kafka)).isEqualTo(expected);
    }
}
