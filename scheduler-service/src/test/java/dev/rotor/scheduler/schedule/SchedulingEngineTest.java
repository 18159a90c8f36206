package dev.rotor.scheduler.schedule;

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

import dev.rotor.scheduler.domain.RotationEnded.Outcome;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.scheduler.policy.Exemption;
import dev.rotor.scheduler.policy.Limits;
import dev.rotor.scheduler.policy.Rollout;
import dev.rotor.scheduler.policy.RotationWindow;
import dev.rotor.schema.RolloutWave;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.WaveMember;

class SchedulingEngineTest {

    private static final Rollout ALL = Rollout.ALL_AT_ONCE;
    private final EngineFixture f = new EngineFixture();

    @Test
    void dueSecretsAreRequestedOnceOldestFirstWithTheirReason() {
        f.register("db/b", "database", "h1", Duration.ofHours(1));
        f.register("db/a", "database", "h1", Duration.ofHours(5));
        f.register("db/not-yet", "database", "h1", Duration.ofHours(-1));

        assertThat(f.tick()).containsExactly("db/a", "db/b");
        assertThat(f.tick()).as("in flight now: not requested again").isEmpty();

        RotationRequest request = f.last("db/a");
        assertThat(request.reason()).isEqualTo(RotationReason.SCHEDULED);
        assertThat(request.initiator()).isEqualTo("scheduler");
        assertThat(request.detail()).startsWith("due: never rotated, registered ").contains("cadence P30D");
        assertThat(request.rotationId()).as("deterministic, so that another instance repeating it repeats the id")
                .isEqualTo(ScheduledRotationIds.scheduled("db/a", f.engine.dueAt(f.registry.find("db/a").orElseThrow()), 0));
    }

    @Test
    void aCompletedRotationMovesTheNextDueByTheCadence() {
        f.register("db/a", "database", "h1", Duration.ofHours(1));
        RotationRequest first = f.published.requests.isEmpty() ? null : f.last("db/a");
        assertThat(first).isNull();
        f.tick();
        f.end(f.last("db/a"), Outcome.COMPLETED, false);

        f.clock.advance(Duration.ofDays(29));
        assertThat(f.tick()).isEmpty();
        f.clock.advance(Duration.ofDays(1).plusSeconds(1));
        assertThat(f.tick()).containsExactly("db/a");
    }

    @Test
    void theAuditsLastSuccessCountsWhenItIsLater() {
        f.register("db/a", "database", "h1", Duration.ofHours(1));
        f.statuses.lastSuccess("db/a", f.clock.instant().minus(Duration.ofDays(1)));
        f.engine.secretChanged("db/a");

        assertThat(f.tick()).isEmpty();
    }

    @Test
    void jitterDelaysWithinItsBoundAndAgreesEverywhere() {
        f.policies.set("database", Duration.ofHours(2), List.of(), Optional.empty(), ALL, Integer.MAX_VALUE);
        f.register("db/a", "database", "h1", Duration.ZERO);
        Instant due = f.engine.dueAt(f.registry.find("db/a").orElseThrow());
        Duration delay = Jitter.delay("db/a", due, Duration.ofHours(2));

        assertThat(delay).isBetween(Duration.ZERO, Duration.ofHours(2));
        assertThat(Jitter.delay("db/a", due, Duration.ofHours(2))).isEqualTo(delay);
        f.clock.set(due.plus(delay).minusMillis(1));
        assertThat(f.tick()).isEmpty();
        f.clock.set(due.plus(delay));
        assertThat(f.tick()).containsExactly("db/a");
    }

    @Test
    void jitterSpreadsOverItsWholeRange() {
        Instant due = Instant.parse("2026-01-01T00:00:00Z");
        List<Long> minutes = java.util.stream.IntStream.range(0, 1000)
                .mapToObj(i -> Jitter.delay("db/s" + i, due, Duration.ofHours(1)).toMinutes()).toList();
        assertThat(minutes).allMatch(m -> m >= 0 && m <= 60);
        assertThat(minutes.stream().filter(m -> m < 30).count()).isBetween(400L, 600L);
    }

    @Test
    void anExemptSecretWaitsUntilItsExemptionExpires() {
        Instant until = EngineFixture.T0.plus(Duration.ofDays(2));
        f.policies.set("database", Duration.ZERO, List.of(), Optional.of(new Exemption("db/*", "migration", until)), ALL,
                Integer.MAX_VALUE);
        f.register("db/a", "database", "h1", Duration.ofHours(1));

        assertThat(f.tick()).isEmpty();
        assertThat(f.engine.plan(Duration.ofHours(1))).singleElement()
                .satisfies(e -> assertThat(e.why()).contains("exempt until " + until).contains("migration"));
        f.clock.set(until);
        assertThat(f.tick()).as("until is exclusive of the exemption").containsExactly("db/a");
    }

    @Test
    void aPausedSecretIsNeverRequestedAndResumesWhenThePauseLifts() {
        f.register("db/a", "database", "h1", Duration.ofHours(1));
        f.controls.pausedClasses.put("database", "class database paused by alice: freeze");

        assertThat(f.tick()).isEmpty();
        assertThat(f.engine.plan(Duration.ofHours(1))).singleElement()
                .satisfies(e -> assertThat(e.state()).isEqualTo(PlanEntry.State.PAUSED));
        f.controls.pausedClasses.clear();
        assertThat(f.tick()).containsExactly("db/a");
    }

    @Test
    void dueOutsideItsWindowWaitsForTheNextOpening() {
        // T0 is Monday 12:00 UTC; the window opens Monday 22:00 and runs past midnight.
        RotationWindow night = new RotationWindow(Set.of(DayOfWeek.MONDAY), LocalTime.of(22, 0), LocalTime.of(2, 0), ZoneOffset.UTC);
        f.policies.set("database", Duration.ZERO, List.of(night), Optional.empty(), ALL, Integer.MAX_VALUE);
        f.register("db/a", "database", "h1", Duration.ofHours(1));

        assertThat(f.tick()).isEmpty();
        assertThat(f.engine.plan(Duration.ofHours(1))).singleElement().satisfies(e -> {
            assertThat(e.state()).isEqualTo(PlanEntry.State.OUTSIDE_WINDOW);
            assertThat(e.at()).isEqualTo(Instant.parse("2026-01-05T22:00:00Z"));
        });
        f.clock.set(Instant.parse("2026-01-06T01:00:00Z"));
        assertThat(f.tick()).as("Tuesday 01:00 belongs to Monday's window").containsExactly("db/a");
    }

    @Test
    void theGlobalLimitCountsWhatIsInFlight() {
        f.policies.limits = new Limits(2, Integer.MAX_VALUE);
        for (int i = 0; i < 5; i++) {
            f.register("db/" + i, "database", "h" + i, Duration.ofHours(10 - i));
        }

        assertThat(f.tick()).containsExactly("db/0", "db/1");
        assertThat(f.tick()).isEmpty();
        f.end(f.last("db/0"), Outcome.COMPLETED, false);
        assertThat(f.tick()).containsExactly("db/2");
    }

    @Test
    void aRotationWithoutAnEndByItsDeadlineAndGraceNoLongerHoldsItsSlot() {
        f.policies.limits = new Limits(1, Integer.MAX_VALUE);
        f.register("db/stranded", "database", "h1", Duration.ofHours(2));
        f.register("db/next", "database", "h2", Duration.ofHours(1));
        assertThat(f.tick()).containsExactly("db/stranded");

        f.clock.advance(EngineFixture.DEADLINE.plus(EngineFixture.GRACE));
        f.ledger.releaseOverdue();
        assertThat(f.tick()).as("the deadline plus grace has not passed yet").isEmpty();

        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.ledger.releaseOverdue()).extracting(r -> r.secretId()).containsExactly("db/stranded");
        assertThat(f.tick()).as("the slot is free again").containsExactly("db/next");
    }

    @Test
    void theClassAndHostLimitsHoldIndependently() {
        f.policies.limits = new Limits(Integer.MAX_VALUE, 1);
        f.policies.set("cache", Duration.ZERO, List.of(), Optional.empty(), ALL, 2);
        f.register("db/a", "database", "pg1", Duration.ofHours(9));
        f.register("db/b", "database", "pg1", Duration.ofHours(8));
        f.register("cache/a", "cache", "r1", Duration.ofHours(7));
        f.register("cache/b", "cache", "r2", Duration.ofHours(6));
        f.register("cache/c", "cache", "r3", Duration.ofHours(5));

        assertThat(f.tick()).containsExactly("db/a", "cache/a", "cache/b");
        assertThat(f.engine.plan(Duration.ofHours(1))).filteredOn(e -> e.state() == PlanEntry.State.LIMITED)
                .extracting(PlanEntry::secretId, e -> e.why().contains("target host pg1") || e.why().contains("class cache limit"))
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("db/b", true), org.assertj.core.groups.Tuple.tuple("cache/c", true));
    }

    @Test
    void aClassStartsWithItsCanariesThenFollowsInBatches() {
        f.policies.set("database", Duration.ZERO, List.of(), Optional.empty(), new Rollout(1, 2, 0.5, 2), Integer.MAX_VALUE);
        for (int i = 0; i < 5; i++) {
            f.register("db/" + i, "database", "h" + i, Duration.ofHours(10 - i));
        }

        assertThat(f.tick()).containsExactly("db/0");
        assertThat(f.last("db/0").detail()).endsWith("canary 1/1 of class database");
        assertThat(f.tick()).as("waiting for the canary").isEmpty();
        assertThat(f.engine.plan(Duration.ofHours(1))).filteredOn(e -> e.state() == PlanEntry.State.WAITING_FOR_COHORT).hasSize(4);

        f.end(f.last("db/0"), Outcome.COMPLETED, false);
        assertThat(f.tick()).containsExactly("db/1", "db/2");
        assertThat(f.last("db/2").detail()).endsWith("batch 1 2/2 of class database");
        f.end(f.last("db/1"), Outcome.COMPLETED, false);
        assertThat(f.tick()).as("batch 1 has not ended").isEmpty();
        f.end(f.last("db/2"), Outcome.COMPLETED, false);
        assertThat(f.tick()).containsExactly("db/3", "db/4");
    }

    @Test
    void secretsThatFallDueOneByOneFillTheCanaryCohortBeforeAnyBatchStarts() {
        f.policies.set("database", Duration.ZERO, List.of(), Optional.empty(), new Rollout(2, 3, 0.5, 2), Integer.MAX_VALUE);
        f.register("db/0", "database", "h0", Duration.ofMinutes(1));
        assertThat(f.tick()).containsExactly("db/0");
        f.end(f.last("db/0"), Outcome.COMPLETED, false);

        // One canary has ended, but the cohort asks for two: the next due secret is the second canary, not a batch.
        for (int i = 1; i <= 3; i++) {
            f.register("db/" + i, "database", "h" + i, Duration.ofMinutes(1).minusSeconds(i));
        }
        assertThat(f.tick()).containsExactly("db/1");
        assertThat(f.last("db/1").detail()).endsWith("canary 2/2 of class database");
        assertThat(f.tick()).as("waiting for the second canary").isEmpty();

        f.end(f.last("db/1"), Outcome.COMPLETED, false);
        assertThat(f.tick()).containsExactly("db/2", "db/3");
        assertThat(f.last("db/3").detail()).endsWith("batch 1 2/3 of class database");
    }

    @Test
    void aNewLeaderCountsTheCanaryThatFailedAfterTheLastLeaderLeft_ratherThanStartingAnotherCanaryCohort() {
        f.policies.set("database", Duration.ZERO, List.of(), Optional.empty(), new Rollout(2, 2, 0.5, 2), Integer.MAX_VALUE);
        for (int i = 0; i < 6; i++) {
            f.register("db/" + i, "database", "h" + i, Duration.ofHours(10 - i));
        }
        assertThat(f.tick()).containsExactly("db/0", "db/1");

        // Leadership moves away: the waves in memory are dropped; whoever leads next reads them back from rotation.rollout.
        f.engine.standBy();
        f.end(f.last("db/0"), Outcome.ROLLED_BACK, false);

        assertThat(f.tick()).as("no second canary cohort").isEmpty();
        assertThat(f.controls.breakerClasses.get("database")).startsWith("1 of 1 ended canary rotations failed (of 2)");
        assertThat(f.waves.byClass.get("database").getBreakerTrip()).as("the trip is saved for the leader after").isNotNull();
    }

    @Test
    void aNewLeaderStartsTheNextBatchWhereTheLastOneLeftOff() {
        f.policies.set("database", Duration.ZERO, List.of(), Optional.empty(), new Rollout(1, 2, 0.5, 2), Integer.MAX_VALUE);
        for (int i = 0; i < 5; i++) {
            f.register("db/" + i, "database", "h" + i, Duration.ofHours(10 - i));
        }
        assertThat(f.tick()).containsExactly("db/0");
        f.end(f.last("db/0"), Outcome.COMPLETED, false);
        assertThat(f.tick()).containsExactly("db/1", "db/2");
        RolloutWave saved = f.waves.byClass.get("database");
        assertThat(saved.getCohort()).isEqualTo(1);
        assertThat(saved.getMembers()).extracting(WaveMember::getSecretId).containsExactlyInAnyOrder("db/1", "db/2");

        f.engine.standBy();
        f.end(f.last("db/1"), Outcome.COMPLETED, false);
        assertThat(f.tick()).as("batch 1 still has db/2 in flight").isEmpty();
        f.end(f.last("db/2"), Outcome.COMPLETED, false);
        assertThat(f.tick()).containsExactly("db/3", "db/4");
        assertThat(f.last("db/4").detail()).endsWith("batch 2 2/2 of class database");

        f.end(f.last("db/3"), Outcome.COMPLETED, false);
        f.end(f.last("db/4"), Outcome.COMPLETED, false);
        assertThat(f.tick()).isEmpty();
        assertThat(f.waves.byClass.get("database").getOver()).as("nothing of the class is due: the wave is over").isTrue();
        f.register("db/5", "database", "h5", Duration.ofHours(1));
        f.engine.standBy();
        assertThat(f.tick()).containsExactly("db/5");
        assertThat(f.last("db/5").detail()).as("a new wave").endsWith("canary 1/1 of class database");
    }

    @Test
    void aRegistrationResolvedUnderAPolicyNotReadYetWaitsForThatPolicy() {
        f.registerUnder("rev-2", "db/a", "database", "h", Duration.ofHours(1));
        assertThat(f.tick()).as("the registration's values come from a policy whose rollout and limits are not known here yet").isEmpty();

        f.policies.read.add("rev-2");
        f.policies.revision = "rev-2";
        assertThat(f.tick()).containsExactly("db/a");
    }

    @Test
    void theBreakerPausesTheClassAndSaysWhy() {
        f.policies.set("database", Duration.ZERO, List.of(), Optional.empty(), new Rollout(0, 4, 0.5, 4), Integer.MAX_VALUE);
        for (int i = 0; i < 6; i++) {
            f.register("db/" + i, "database", "h" + i, Duration.ofHours(10 - i));
        }
        assertThat(f.tick()).containsExactly("db/0", "db/1", "db/2", "db/3");

        f.end(f.last("db/0"), Outcome.ROLLED_BACK, false);
        f.end(f.last("db/1"), Outcome.FAILED, false);
        f.end(f.last("db/2"), Outcome.COMPLETED, false);
        f.end(f.last("db/3"), Outcome.ROLLBACK_FAILED, false);
        assertThat(f.tick()).isEmpty();

        assertThat(f.controls.breakerClasses.get("database")).startsWith("3 of 4 rotations of batch 1 failed (75% > 50%)");
        assertThat(f.meters.get("rotor.scheduler.circuit.open").tag("class", "database").gauge().value()).isEqualTo(1.0);

        f.controls.breakerClasses.clear();
        assertThat(f.tick()).as("after the resume, a new wave").containsExactly("db/4", "db/5");
        assertThat(f.meters.get("rotor.scheduler.circuit.open").tag("class", "database").gauge().value()).isEqualTo(0.0);
    }

    @Test
    void aFailedCanaryTripsTheBreaker() {
        f.policies.set("database", Duration.ZERO, List.of(), Optional.empty(), new Rollout(1, 10, 0.5, 4), Integer.MAX_VALUE);
        f.register("db/0", "database", "h", Duration.ofHours(2));
        f.register("db/1", "database", "h2", Duration.ofHours(1));
        f.tick();

        f.end(f.last("db/0"), Outcome.ROLLED_BACK, false);
        assertThat(f.tick()).isEmpty();
        assertThat(f.controls.breakerClasses.get("database")).contains("canary");
    }

    @Test
    void aRefusedRotationIsNeitherAFailureNorASuccess() {
        f.policies.set("database", Duration.ZERO, List.of(), Optional.empty(), new Rollout(1, 10, 0.5, 1), Integer.MAX_VALUE);
        f.register("db/0", "database", "h", Duration.ofHours(2));
        f.tick();
        f.end(f.last("db/0"), Outcome.REFUSED, false);
        f.tick();
        assertThat(f.controls.breakerClasses).isEmpty();
    }

    @Test
    void aTransientFailureIsRetriedWithExponentialBackoff() {
        f.register("db/a", "database", "h", Duration.ofHours(1));
        f.tick();
        RotationRequest first = f.last("db/a");
        f.end(first, Outcome.FAILED, true);

        f.clock.advance(Duration.ofSeconds(29));
        assertThat(f.tick()).isEmpty();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.tick()).containsExactly("db/a");
        RotationRequest retry = f.last("db/a");
        assertThat(retry.reason()).isEqualTo(RotationReason.RETRY);
        assertThat(retry.attempt()).isEqualTo(2);
        assertThat(retry.rotationId()).isEqualTo(ScheduledRotationIds.retryOf(first.rotationId()));

        f.engine.requested(retry);
        f.end(retry, Outcome.FAILED, true);
        f.clock.advance(Duration.ofSeconds(59));
        assertThat(f.tick()).as("second backoff: 60s").isEmpty();
        f.clock.advance(Duration.ofSeconds(1));
        assertThat(f.tick()).containsExactly("db/a");
        assertThat(f.last("db/a").attempt()).isEqualTo(3);
    }

    @Test
    void afterTheConsecutiveFailureLimitTheSecretIsPausedUntilResumed() {
        f.register("db/a", "database", "h", Duration.ofHours(1));
        for (int i = 0; i < 3; i++) {
            f.tick();
            f.end(f.last("db/a"), Outcome.ROLLED_BACK, false);
            f.clock.advance(Duration.ofMinutes(10));
        }
        assertThat(f.published.requests).hasSize(3);
        assertThat(f.published.requests.stream().map(RotationRequest::rotationId).distinct()).as("each try its own rotation").hasSize(3);

        assertThat(f.tick()).isEmpty();
        assertThat(f.controls.pausedSecrets.get("db/a")).startsWith("3 rotations in a row failed");
        assertThat(f.meters.get("rotor.scheduler.secret.auto.paused").tag("secret_id", "db/a").gauge().value()).isEqualTo(1.0);

        f.controls.pausedSecrets.clear();
        f.engine.secretResumed("db/a", f.clock.instant());
        assertThat(f.meters.get("rotor.scheduler.secret.auto.paused").tag("secret_id", "db/a").gauge().value()).isEqualTo(0.0);
        assertThat(f.tick()).as("resumed: the count starts again").containsExactly("db/a");
    }
}
