package dev.rotor.scheduler.schedule;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

import dev.rotor.scheduler.domain.RotationEnded;
import dev.rotor.scheduler.policy.Rollout;

/**
 * One class's wave of scheduled rotations: a canary cohort, then batches, each starting only when the
 * one before has ended. A canary that fails, or a batch whose failure rate crosses the threshold,
 * trips the breaker. A wave ends when its cohort has ended and nothing of the class is due: the next
 * due rotation starts a new wave, with a canary again. Until then, a cohort with room left takes the
 * class's next due secrets.
 */
final class ClassRollout {

    private final String secretClass;
    /** 0 is the canary cohort, 1.. the batches. */
    private int cohort;
    private int cohortSize;
    private final Set<String> members = new HashSet<>();
    private final Set<String> ended = new HashSet<>();
    private int failed;
    private Optional<String> trip = Optional.empty();
    private boolean tripReported;

    private ClassRollout(String secretClass, Rollout rollout) {
        this.secretClass = secretClass;
        if (rollout.canary() > 0) {
            cohort = 0;
            cohortSize = rollout.canary();
        } else {
            cohort = 1;
            cohortSize = rollout.batchSize();
        }
    }

    static ClassRollout start(String secretClass, Rollout rollout) {
        return new ClassRollout(secretClass, rollout);
    }

    /** Why a due rotation of the class must wait, or empty if it may start in this cohort. */
    synchronized Optional<String> mustWait() {
        if (trip.isPresent()) {
            return Optional.of("circuit breaker of class " + secretClass + " tripped: " + trip.get());
        }
        if (members.size() < cohortSize) {
            return Optional.empty();
        }
        return Optional.of("waiting for " + cohortName() + " of class " + secretClass + " to end (" + ended.size() + " of "
                + members.size() + " ended)");
    }

    /** How many more rotations the current cohort takes. */
    synchronized int room() {
        return trip.isPresent() ? 0 : Math.max(0, cohortSize - members.size());
    }

    /** The words for the request's detail: 'canary 1/2 of class database'. */
    synchronized String join(String rotationId) {
        members.add(rotationId);
        return cohortName() + " " + members.size() + "/" + cohortSize + " of class " + secretClass;
    }

    synchronized void ended(RotationEnded end, Rollout rollout) {
        if (!members.contains(end.rotationId()) || !ended.add(end.rotationId()) || trip.isPresent()) {
            return;
        }
        if (end.failed()) {
            failed++;
        }
        int minEnded = Math.min(rollout.breakerMinEnded(), cohortSize);
        double rate = (double) failed / ended.size();
        if (cohort == 0 && failed > 0) {
            trip = Optional.of(failed + " of " + ended.size() + " ended canary rotations failed (of " + members.size()
                    + "); the rest of the class waits");
        } else if (ended.size() >= minEnded && rate > rollout.breakerFailureRate()) {
            trip = Optional.of(String.format("%d of %d rotations of batch %d failed (%.0f%% > %.0f%%)", failed, ended.size(), cohort,
                    rate * 100, rollout.breakerFailureRate() * 100));
        }
    }

    /** The trip to report, once. */
    synchronized Optional<String> newTrip() {
        if (trip.isPresent() && !tripReported) {
            tripReported = true;
            return trip;
        }
        return Optional.empty();
    }

    synchronized boolean tripped() {
        return trip.isPresent();
    }

    /** Every member has ended (and there was at least one). */
    synchronized boolean cohortEnded() {
        return !members.isEmpty() && ended.size() == members.size();
    }

    /**
     * The cohort took all it was meant to and every member has ended. A cohort with room left is not
     * done even when its members have ended: secrets that fall due one by one fill it first, so a
     * single finished canary never lets a batch through when the policy asks for two.
     */
    synchronized boolean cohortDone() {
        return trip.isEmpty() && members.size() >= cohortSize && cohortEnded();
    }

    /** The next batch; call when {@link #cohortDone()}. */
    synchronized void nextCohort(Rollout rollout) {
        cohort++;
        cohortSize = rollout.batchSize();
        members.clear();
        ended.clear();
        failed = 0;
    }

    synchronized String cohortName() {
        return cohort == 0 ? "canary" : "batch " + cohort;
    }
}
