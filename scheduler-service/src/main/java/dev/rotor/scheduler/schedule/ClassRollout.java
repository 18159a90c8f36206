package dev.rotor.scheduler.schedule;

import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import dev.rotor.scheduler.domain.RotationEnded;
import dev.rotor.scheduler.policy.Rollout;
import dev.rotor.schema.RolloutWave;
import dev.rotor.schema.WaveMember;

/**
 * One class's wave of scheduled rotations: a canary cohort, then batches, each starting only when the
 * one before has ended. A canary that fails, or a batch whose failure rate crosses the threshold,
 * trips the breaker. A wave ends when its cohort has ended and nothing of the class is due: the next
 * due rotation starts a new wave, with a canary again. Until then, a cohort with room left takes the
 * class's next due secrets. {@link #snapshot()} and {@link #restore} carry a wave from one leader to the next.
 */
final class ClassRollout {

    private final String secretClass;
    private final Instant startedAt;
    /** 0 is the canary cohort, 1.. the batches. */
    private int cohort;
    private int cohortSize;
    /** rotationId -> secretId, ordered so that equal waves give equal snapshots. */
    private final Map<String, String> members = new TreeMap<>();
    private final Set<String> ended = new HashSet<>();
    private final Set<String> failed = new HashSet<>();
    private Optional<String> trip = Optional.empty();
    private boolean tripReported;

    private ClassRollout(String secretClass, Instant startedAt, int cohort, int cohortSize) {
        this.secretClass = secretClass;
        this.startedAt = startedAt;
        this.cohort = cohort;
        this.cohortSize = cohortSize;
    }

    static ClassRollout start(String secretClass, Rollout rollout, Instant now) {
        return rollout.canary() > 0 ? new ClassRollout(secretClass, now, 0, rollout.canary())
                : new ClassRollout(secretClass, now, 1, rollout.batchSize());
    }

    /** The wave as the last leader saved it. */
    static ClassRollout restore(RolloutWave saved) {
        ClassRollout wave = new ClassRollout(saved.getSecretClass(), saved.getStartedAt(), saved.getCohort(), saved.getCohortSize());
        for (WaveMember member : saved.getMembers()) {
            wave.members.put(member.getRotationId(), member.getSecretId());
            if (member.getEnded()) {
                wave.ended.add(member.getRotationId());
            }
            if (member.getFailed()) {
                wave.failed.add(member.getRotationId());
            }
        }
        wave.trip = Optional.ofNullable(saved.getBreakerTrip());
        wave.tripReported = saved.getTripReported();
        return wave;
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
    synchronized String join(String rotationId, String secretId) {
        members.put(rotationId, secretId);
        return cohortName() + " " + members.size() + "/" + cohortSize + " of class " + secretClass;
    }

    synchronized void ended(RotationEnded end, Rollout rollout) {
        if (!members.containsKey(end.rotationId()) || !ended.add(end.rotationId()) || trip.isPresent()) {
            return;
        }
        if (end.failed()) {
            failed.add(end.rotationId());
        }
        int minEnded = Math.min(rollout.breakerMinEnded(), cohortSize);
        double rate = (double) failed.size() / ended.size();
        if (cohort == 0 && !failed.isEmpty()) {
            trip = Optional.of(failed.size() + " of " + ended.size() + " ended canary rotations failed (of " + members.size()
                    + "); the rest of the class waits");
        } else if (ended.size() >= minEnded && rate > rollout.breakerFailureRate()) {
            trip = Optional.of(String.format("%d of %d rotations of batch %d failed (%.0f%% > %.0f%%)", failed.size(), ended.size(),
                    cohort, rate * 100, rollout.breakerFailureRate() * 100));
        }
    }

    /** The members that have not ended, rotationId -> secretId: a new leader looks their ends up. */
    synchronized Map<String, String> openMembers() {
        Map<String, String> open = new TreeMap<>(members);
        open.keySet().removeAll(ended);
        return open;
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
        failed.clear();
    }

    /** Whether the wave is worth handing over: a class rotated all at once has no cohort to keep, only an unbounded list. */
    synchronized boolean bounded() {
        return cohortSize != Integer.MAX_VALUE;
    }

    /** The wave for rotation.rollout; {@code over} when it has ended. */
    synchronized RolloutWave snapshot(boolean over) {
        return RolloutWave.newBuilder()
                .setSecretClass(secretClass)
                .setStartedAt(startedAt)
                .setOver(over)
                .setCohort(cohort)
                .setCohortSize(cohortSize)
                .setMembers(members.entrySet().stream().map(m -> WaveMember.newBuilder()
                        .setRotationId(m.getKey()).setSecretId(m.getValue())
                        .setEnded(ended.contains(m.getKey())).setFailed(failed.contains(m.getKey())).build()).toList())
                .setBreakerTrip(trip.orElse(null))
                .setTripReported(tripReported)
                .build();
    }

    synchronized String cohortName() {
        return cohort == 0 ? "canary" : "batch " + cohort;
    }
}
