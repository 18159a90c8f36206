package dev.rotor.scheduler.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rotor.scheduler.domain.RotationEnded;
import dev.rotor.scheduler.domain.RotationRequest;

/**
 * Retries owed to rotations that failed for a transient cause, derived from the topics (the failed
 * rotation's request gives its attempt, its RotationFailed when it failed): a restart or a new leader
 * rebuilds them by reading the topics again. A later request of the same secret, whatever its
 * reason, settles the retry.
 */
final class RetryBook {

    /** A retry owed: of {@code failedRotationId}, which failed {@code failedAt}. */
    record Owed(String secretId, String failedRotationId, Instant failedAt) {
    }

    /** A retry ready to go: attempt {@code attempt}, no earlier than {@code notBefore}. */
    record Retry(String secretId, String rotationId, String failedRotationId, int attempt, Instant notBefore) {
    }

    private final Map<String, Owed> owedBySecret = new HashMap<>();
    /** rotationId -> attempt, for the requests read; bounded, as only recent failures need it. */
    private final Map<String, RequestSeen> requests = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, RequestSeen> eldest) {
            return size() > 100_000;
        }
    };

    private record RequestSeen(int attempt, Instant at) {
    }

    synchronized void requested(RotationRequest request) {
        requests.put(request.rotationId(), new RequestSeen(request.attempt(), request.requestedAt()));
        Owed owed = owedBySecret.get(request.secretId());
        if (owed != null && !request.rotationId().equals(owed.failedRotationId()) && !request.requestedAt().isBefore(owed.failedAt())) {
            owedBySecret.remove(request.secretId());
        }
    }

    synchronized void ended(RotationEnded ended) {
        if (ended.outcome() == RotationEnded.Outcome.FAILED && ended.retryable()) {
            owedBySecret.merge(ended.secretId(), new Owed(ended.secretId(), ended.rotationId(), ended.at()),
                    (old, newer) -> newer.failedAt().isAfter(old.failedAt()) ? newer : old);
        } else if (ended.completed()) {
            owedBySecret.remove(ended.secretId());
        }
    }

    /** Gives up a retry (paused secret, attempts used up): it is not owed any more. */
    synchronized void settle(String secretId) {
        owedBySecret.remove(secretId);
    }

    /**
     * The retries owed, with their attempt and earliest time under exponential backoff. A failure whose request is not read
     * yet is left for a later tick, unless {@code viewCaughtUp}: the request then came from before the topics' retention, attempt 1.
     */
    synchronized List<Retry> owed(RetryPolicy policy, boolean viewCaughtUp) {
        List<Retry> retries = new ArrayList<>();
        for (Owed owed : owedBySecret.values()) {
            Optional<RequestSeen> seen = Optional.ofNullable(requests.get(owed.failedRotationId()));
            if (seen.isEmpty() && !viewCaughtUp) {
                continue;
            }
            int failedAttempt = seen.map(RequestSeen::attempt).orElse(1);
            retries.add(new Retry(owed.secretId(), ScheduledRotationIds.retryOf(owed.failedRotationId()), owed.failedRotationId(),
                    failedAttempt + 1, owed.failedAt().plus(policy.backoffAfter(failedAttempt))));
        }
        return retries;
    }

    /** Exponential backoff: {@code initial} after the first failure, times {@code multiplier} after each further one. */
    record RetryPolicy(Duration initial, double multiplier, int maxAttempts) {

        Duration backoffAfter(int failedAttempt) {
            return Duration.ofMillis(Math.round(initial.toMillis() * Math.pow(multiplier, failedAttempt - 1)));
        }
    }
}
