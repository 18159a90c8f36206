package dev.rotor.scheduler.schedule;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rotor.scheduler.domain.RotationEnded;

/**
 * Per secret, how many of its rotations failed in a row, from the terminal topics. A success ends the
 * run; so does the operator's resume of the secret (read from rotation.control), so that replaying
 * the topics after a restart does not pause again a secret that a person has resumed.
 */
final class FailureStreaks {

    /**
     * {@code failures} in a row (what pauses), {@code sinceSuccess} all failures since the last success, which a resume
     * does not reset: it tells apart the rotation ids of the tries at one due time.
     */
    record Streak(int failures, int sinceSuccess, Instant lastFailureAt, String lastRotationId) {
    }

    private final Map<String, Streak> bySecret = new HashMap<>();
    private final Map<String, Instant> resumedAt = new HashMap<>();

    synchronized void ended(RotationEnded ended) {
        if (ended.completed()) {
            bySecret.remove(ended.secretId());
        } else if (ended.failed() && ended.at().isAfter(resumedAt.getOrDefault(ended.secretId(), Instant.MIN))) {
            bySecret.merge(ended.secretId(), new Streak(1, 1, ended.at(), ended.rotationId()),
                    (old, one) -> new Streak(old.failures() + 1, old.sinceSuccess() + 1, one.lastFailureAt(), one.lastRotationId()));
        }
    }

    synchronized void resumed(String secretId, Instant at) {
        resumedAt.merge(secretId, at, (a, b) -> a.isAfter(b) ? a : b);
        Streak streak = bySecret.get(secretId);
        if (streak != null && !streak.lastFailureAt().isAfter(at)) {
            bySecret.put(secretId, new Streak(0, streak.sinceSuccess(), streak.lastFailureAt(), streak.lastRotationId()));
        }
    }

    synchronized int failuresInARow(String secretId) {
        Streak streak = bySecret.get(secretId);
        return streak == null ? 0 : streak.failures();
    }

    synchronized int failuresSinceSuccess(String secretId) {
        Streak streak = bySecret.get(secretId);
        return streak == null ? 0 : streak.sinceSuccess();
    }

    synchronized Optional<Instant> lastFailureAt(String secretId) {
        return Optional.ofNullable(bySecret.get(secretId)).filter(s -> s.failures() > 0).map(Streak::lastFailureAt);
    }

    /** The secrets with at least one failure in a row: few, so the tick need not look at every secret. */
    synchronized List<Map.Entry<String, Streak>> all() {
        return bySecret.entrySet().stream().filter(e -> e.getValue().failures() > 0).map(e -> Map.entry(e.getKey(), e.getValue())).toList();
    }
}
