package dev.rotor.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.rotor.scheduler.domain.RotationEnded;
import dev.rotor.scheduler.domain.RotationEnded.Outcome;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.schema.RotationReason;
import dev.rotor.stack.testing.MovableClock;

class RotationLedgerTest {

    private static final String SECRET = "db/orders-app";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(15);
    private static final Duration GRACE = Duration.ofMinutes(5);

    private final RotationLedger ledger = new RotationLedger(clock, DEFAULT_DEADLINE, GRACE);

    @Test
    void aRequestedRotationIsInFlightUntilItEnds() {
        ledger.requested(request("r1", T0));
        assertThat(ledger.activity(SECRET).inFlightRotationId()).contains("r1");

        ledger.ended(new RotationEnded("r1", SECRET, Outcome.COMPLETED, false, T0.plusSeconds(10)));
        assertThat(ledger.activity(SECRET).inFlightRotationId()).isEmpty();
        assertThat(ledger.activity(SECRET).lastCompletedAt()).contains(T0.plusSeconds(10));
    }

    @Test
    void theOldestOpenRequestIsTheOneInFlight() {
        ledger.requested(request("r2", T0.plusSeconds(5)));
        ledger.requested(request("r1", T0));
        assertThat(ledger.activity(SECRET).inFlightRotationId()).contains("r1");

        ledger.ended(new RotationEnded("r2", SECRET, Outcome.FAILED, false, T0.plusSeconds(6)));
        assertThat(ledger.activity(SECRET).inFlightRotationId()).contains("r1");
    }

    @Test
    void anEndReadBeforeItsRequestKeepsTheRotationClosed() {
        ledger.ended(new RotationEnded("r1", SECRET, Outcome.COMPLETED, false, T0.plusSeconds(10)));
        ledger.requested(request("r1", T0));

        assertThat(ledger.activity(SECRET).inFlightRotationId()).isEmpty();
    }

    @Test
    void onlyACompletionMovesTheLastCompletionForward() {
        ledger.ended(new RotationEnded("r2", SECRET, Outcome.COMPLETED, false, T0.plusSeconds(20)));
        ledger.ended(new RotationEnded("r1", SECRET, Outcome.COMPLETED, false, T0.plusSeconds(10)));
        ledger.ended(new RotationEnded("r3", SECRET, Outcome.FAILED, false, T0.plusSeconds(30)));

        assertThat(ledger.activity(SECRET).lastCompletedAt()).contains(T0.plusSeconds(20));
    }

    @Test
    void endedRotationsAreForgottenAfterAWhile() {
        ledger.ended(new RotationEnded("r1", SECRET, Outcome.FAILED, false, T0));
        clock.advance(RotationLedger.REMEMBER_ENDED.plusSeconds(1));
        ledger.requested(request("r1", clock.instant()));

        assertThat(ledger.activity(SECRET).inFlightRotationId()).as("a request read that late is taken as new").contains("r1");
    }

    @Test
    void aRotationWithoutItsEndIsReleasedOnceItsDeadlineAndGraceHavePassed() {
        ledger.requested(new RotationRequest("r1", SECRET, RotationReason.MANUAL, "alice", T0, T0.plusSeconds(60), 1, null, null, null));

        clock.set(T0.plusSeconds(60).plus(GRACE));
        assertThat(ledger.releaseOverdue()).as("not before the grace has passed").isEmpty();
        assertThat(ledger.activity(SECRET).inFlightRotationId()).contains("r1");

        clock.advance(Duration.ofSeconds(1));
        assertThat(ledger.releaseOverdue()).singleElement().satisfies(released -> {
            assertThat(released.rotationId()).isEqualTo("r1");
            assertThat(released.secretId()).isEqualTo(SECRET);
            assertThat(released.deadline()).isEqualTo(T0.plusSeconds(60));
            assertThat(released.releasedAt()).isEqualTo(clock.instant());
        });
        assertThat(ledger.activity(SECRET).inFlightRotationId()).isEmpty();
        assertThat(ledger.secretsInFlight()).as("its concurrency slot is free").isEmpty();
        assertThat(ledger.releaseOverdue()).as("released once").isEmpty();
        assertThat(ledger.knows(SECRET, "r1")).as("the same decision is not published again").isTrue();
    }

    @Test
    void aRequestWithoutADeadlineGetsTheDefault() {
        ledger.requested(new RotationRequest("r1", SECRET, RotationReason.MANUAL, "alice", T0, null, 1, null, null, null));

        clock.set(T0.plus(DEFAULT_DEADLINE).plus(GRACE));
        assertThat(ledger.releaseOverdue()).isEmpty();
        clock.advance(Duration.ofMillis(1));
        assertThat(ledger.releaseOverdue()).singleElement()
                .satisfies(released -> assertThat(released.deadline()).isEqualTo(T0.plus(DEFAULT_DEADLINE)));
    }

    @Test
    void anEndReadAfterTheReleaseIsRecordedAsAnyOther() {
        ledger.requested(request("r1", T0));
        clock.set(T0.plusSeconds(900).plus(GRACE).plusSeconds(1));
        assertThat(ledger.releaseOverdue()).hasSize(1);

        ledger.ended(new RotationEnded("r1", SECRET, Outcome.COMPLETED, false, clock.instant()));

        assertThat(ledger.activity(SECRET).lastCompletedAt()).contains(clock.instant());
        assertThat(ledger.endOf(SECRET, "r1")).isPresent();
    }

    @Test
    void aRequestReadAfterItsDeadlineAndGraceIsNotOpenedAgain() {
        clock.set(T0.plus(Duration.ofDays(2)));
        ledger.requested(request("r1", T0));

        assertThat(ledger.activity(SECRET).inFlightRotationId()).as("a replay at start-up of a rotation released long ago").isEmpty();
        assertThat(ledger.releaseOverdue()).as("nor announced again").isEmpty();
    }

    @Test
    void secretsWithNothingOpenOrRecentAreForgottenButKeepTheirLastCompletion() {
        for (int i = 0; i < 100; i++) {
            String secret = "db/s" + i;
            ledger.requested(new RotationRequest("r" + i, secret, RotationReason.MANUAL, "alice", T0, T0.plusSeconds(900), 1, null, null, null));
            ledger.ended(new RotationEnded("r" + i, secret, Outcome.COMPLETED, false, T0.plusSeconds(10)));
        }
        ledger.requested(request("open", T0));
        assertThat(ledger.secretsTracked()).isEqualTo(101);

        clock.advance(RotationLedger.REMEMBER_ENDED.plusSeconds(1));
        ledger.releaseOverdue();

        assertThat(ledger.secretsTracked()).as("the released one is remembered a while, the ended ones are gone").isEqualTo(1);
        assertThat(ledger.activity("db/s7").lastCompletedAt()).as("the cadence still counts from it").contains(T0.plusSeconds(10));

        clock.advance(RotationLedger.REMEMBER_ENDED.plusSeconds(1));
        ledger.releaseOverdue();
        assertThat(ledger.secretsTracked()).isZero();

        ledger.forget("db/s7");
        assertThat(ledger.activity("db/s7").lastCompletedAt()).as("a removed registration leaves nothing").isEmpty();
    }

    private static RotationRequest request(String rotationId, Instant at) {
        return new RotationRequest(rotationId, SECRET, RotationReason.MANUAL, "alice", at, at.plusSeconds(900), 1, null, null, null);
    }
}
