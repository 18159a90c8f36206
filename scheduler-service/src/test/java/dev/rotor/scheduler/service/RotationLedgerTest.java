package dev.rotor.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.rotor.scheduler.domain.RotationEnded;
import dev.rotor.scheduler.domain.RotationEnded.Outcome;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.scheduler.testing.MovableClock;
import dev.rotor.schema.RotationReason;

class RotationLedgerTest {

    private static final String SECRET = "db/orders-app";
    private static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

    private final MovableClock clock = new MovableClock(T0);
    private final RotationLedger ledger = new RotationLedger(clock);

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
        ledger.requested(request("r1", T0));

        assertThat(ledger.activity(SECRET).inFlightRotationId()).as("a request read that late is taken as new").contains("r1");
    }

    private static RotationRequest request(String rotationId, Instant at) {
        return new RotationRequest(rotationId, SECRET, RotationReason.MANUAL, "alice", at, at.plusSeconds(900), 1, null, null);
    }
}
