package dev.rotor.scheduler.policy;

import static dev.rotor.scheduler.policy.MatrixFixtures.bareClass;
import static dev.rotor.scheduler.policy.MatrixFixtures.cadence;
import static dev.rotor.scheduler.policy.MatrixFixtures.fullClass;
import static dev.rotor.scheduler.policy.MatrixFixtures.matrix;
import static dev.rotor.scheduler.policy.MatrixFixtures.secret;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.policy.PolicyDiff.FieldChange;
import dev.rotor.scheduler.policy.PolicyDiff.SecretChange;

class PolicyDifferTest {

    private static final ClassPolicy DATABASE = fullClass("database", List.of("db/*"));
    private static final ClassPolicy CACHE = bareClass("cache", List.of("redis/*"));
    private static final List<ManagedSecret> SECRETS = List.of(secret("db/orders", "database"), secret("redis/sessions", "cache"),
            secret("kafka/client", "messaging"));

    @Test
    void theSameMatrixChangesNothing() {
        RotationMatrix matrix = matrix("r1", Limits.NONE, List.of(DATABASE, CACHE));

        PolicyDiff diff = PolicyDiffer.diff(matrix, matrix("r1", Limits.NONE, List.of(DATABASE, CACHE)), SECRETS);

        assertThat(diff.rulesUnchanged()).isTrue();
        assertThat(diff.secrets()).isEmpty();
        assertThat(diff.revisionBefore()).isEqualTo(diff.revisionAfter()).isEqualTo("r1");
    }

    @Test
    void addedAndRemovedClassesAreListedWithTheSecretsTheyTakeOrRelease() {
        RotationMatrix before = matrix("r1", Limits.NONE, List.of(DATABASE));
        RotationMatrix after = matrix("r2", Limits.NONE, List.of(CACHE));

        PolicyDiff diff = PolicyDiffer.diff(before, after, SECRETS);

        assertThat(diff.classesAdded()).containsExactly("cache");
        assertThat(diff.classesRemoved()).containsExactly("database");
        assertThat(diff.classesChanged()).isEmpty();
        assertThat(diff.rulesUnchanged()).isFalse();
        // db/orders falls back to its registration; redis/sessions, registered as cache, now has the class's owner.
        assertThat(diff.secrets()).containsExactly(
                new SecretChange("db/orders", List.of(
                        new FieldChange("owner", "team-database", "team-registered"),
                        new FieldChange("contact", "#database", null),
                        new FieldChange("cadence", "P14D", "P30D"),
                        new FieldChange("maxAge", "PT336H", "PT720H"))),
                new SecretChange("redis/sessions", List.of(new FieldChange("owner", "team-registered", "team-cache"))));
    }

    @Test
    void aChangedClassListsEachFieldAsPeopleWriteIt() {
        ClassPolicy changed = new ClassPolicy("database", "team-dba", DATABASE.contact(), Optional.of(cadence("P7D")), DATABASE.windows(),
                Duration.ofHours(1), Integer.MAX_VALUE, DATABASE.scope(), DATABASE.exemptions(), DATABASE.emergencyNeedsApproval(),
                Rollout.ALL_AT_ONCE, DATABASE.maxConsecutiveFailures(), Optional.empty(), List.of(), Optional.empty());

        PolicyDiff diff = PolicyDiffer.diff(matrix("r1", Limits.NONE, List.of(DATABASE)), matrix("r2", new Limits(20, 2), List.of(changed)),
                SECRETS);

        assertThat(diff.limits()).containsExactly(new FieldChange("global", "unlimited", "20"),
                new FieldChange("perTargetHost", "unlimited", "2"));
        assertThat(diff.classesChanged()).containsOnlyKeys("database");
        assertThat(diff.classesChanged().get("database")).containsExactly(
                new FieldChange("owner", "team-database", "team-dba"),
                new FieldChange("cadence", "P14D", "P7D"),
                new FieldChange("jitter", "PT30M", "PT1H"),
                new FieldChange("maxConcurrent", "5", "unlimited"),
                new FieldChange("rollout", "canary 2, batches of 10, breaker at 20% once 3 ended", "all at once"));
        assertThat(diff.classesAdded()).isEmpty();
        assertThat(diff.classesRemoved()).isEmpty();
    }

    @Test
    void onlyTheSecretsWhoseRegisteredValuesChangeAreListed() {
        // Jitter, limits and rollout are the scheduler's business: secret.registry does not carry them.
        ClassPolicy calmer = new ClassPolicy("database", DATABASE.owner(), DATABASE.contact(), DATABASE.cadence(), List.of(),
                Duration.ZERO, 1, DATABASE.scope(), DATABASE.exemptions(), false, Rollout.ALL_AT_ONCE, 1, Optional.empty(), List.of(), Optional.empty());
        Exemption freeze = new Exemption("db/orders", "freeze FRZ-42", Instant.parse("2026-01-05T00:00:00Z"));
        ClassPolicy exempting = new ClassPolicy("database", DATABASE.owner(), DATABASE.contact(), DATABASE.cadence(), DATABASE.windows(),
                DATABASE.jitter(), DATABASE.maxConcurrent(), DATABASE.scope(), List.of(freeze), DATABASE.emergencyNeedsApproval(),
                DATABASE.rollout(), DATABASE.maxConsecutiveFailures(), Optional.empty(), List.of(), Optional.empty());
        RotationMatrix before = matrix("r1", Limits.NONE, List.of(DATABASE));

        PolicyDiff scheduling = PolicyDiffer.diff(before, matrix("r2", new Limits(3, 1), List.of(calmer)), SECRETS);
        PolicyDiff exemption = PolicyDiffer.diff(before, matrix("r3", Limits.NONE, List.of(exempting)), SECRETS);

        assertThat(scheduling.classesChanged().get("database")).extracting(FieldChange::field)
                .containsExactly("windows", "jitter", "maxConcurrent", "emergencyNeedsApproval", "rollout", "maxConsecutiveFailures");
        assertThat(scheduling.secrets()).isEmpty();
        assertThat(exemption.secrets()).containsExactly(new SecretChange("db/orders",
                List.of(new FieldChange("exemption", null, "db/orders until 2026-01-05T00:00:00Z (freeze FRZ-42)"))));
    }

    @Test
    void aSecretEntryIsAddedChangedOrRemovedByItsId() {
        SecretPolicy weekly = new SecretPolicy("db/orders", Optional.of("team-orders"), Optional.empty(), Optional.of(cadence("P7D")),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        SecretPolicy daily = new SecretPolicy("db/orders", Optional.of("team-orders"), Optional.empty(), Optional.of(cadence("P1D")),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
        RotationMatrix none = matrix("r1", Limits.NONE, List.of(DATABASE));
        RotationMatrix withWeekly = matrix("r2", Limits.NONE, List.of(DATABASE), weekly);
        RotationMatrix withDaily = matrix("r3", Limits.NONE, List.of(DATABASE), daily);

        PolicyDiff added = PolicyDiffer.diff(none, withWeekly, SECRETS);
        PolicyDiff changed = PolicyDiffer.diff(withWeekly, withDaily, SECRETS);
        PolicyDiff removed = PolicyDiffer.diff(withDaily, none, SECRETS);

        assertThat(added.secretEntriesAdded()).containsExactly("db/orders");
        assertThat(added.secrets()).extracting(SecretChange::secretId).containsExactly("db/orders");
        assertThat(changed.secretEntriesChanged()).containsOnlyKeys("db/orders");
        assertThat(changed.secretEntriesChanged().get("db/orders")).containsExactly(new FieldChange("cadence", "P7D", "P1D"));
        assertThat(changed.secrets()).containsExactly(new SecretChange("db/orders", List.of(
                new FieldChange("cadence", "P7D", "P1D"), new FieldChange("maxAge", "PT168H", "PT24H"))));
        assertThat(removed.secretEntriesRemoved()).containsExactly("db/orders");
        assertThat(removed.secrets()).containsExactly(new SecretChange("db/orders", List.of(
                new FieldChange("owner", "team-orders", "team-database"),
                new FieldChange("cadence", "P1D", "P14D"), new FieldChange("maxAge", "PT24H", "PT336H"))));
    }

    @Test
    void theFirstPolicyIsComparedWithNoPolicyAtAll() {
        PolicyDiff diff = PolicyDiffer.diff(null, matrix("r1", new Limits(20, 2), List.of(DATABASE, CACHE)), SECRETS);

        assertThat(diff.revisionBefore()).isNull();
        assertThat(diff.revisionAfter()).isEqualTo("r1");
        assertThat(diff.classesAdded()).containsExactly("cache", "database");
        assertThat(diff.limits()).extracting(FieldChange::field).containsExactly("global", "perTargetHost");
        assertThat(diff.secrets()).extracting(SecretChange::secretId).containsExactly("db/orders", "redis/sessions");
    }
}
