package dev.rotor.scheduler.schedule;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Rotation ids of the scheduler's own decisions, derived from what was decided: a new leader, or a
 * restarted one, that repeats a decision repeats its id, and the ledger (and the rotator) see one rotation.
 */
final class ScheduledRotationIds {

    private ScheduledRotationIds() {
    }

    /** {@code failuresSinceSuccess} tells apart the request after a failed one: the same due time, a new rotation. */
    static String scheduled(String secretId, Instant dueAt, int failuresSinceSuccess) {
        return uuid(secretId + "|" + dueAt.toEpochMilli() + (failuresSinceSuccess == 0 ? "" : "|" + failuresSinceSuccess));
    }

    static String retryOf(String failedRotationId) {
        return uuid(failedRotationId + "|retry");
    }

    private static String uuid(String name) {
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }
}
