package dev.rotor.scheduler.domain;

import java.time.Instant;

/**
 * A rotation the scheduler stopped waiting for: no terminal event by {@code deadline} (the request's, or its request time
 * plus the default) plus the grace. Its secret's schedule and concurrency slot were freed at {@code releasedAt}.
 */
public record ReleasedRotation(String rotationId, String secretId, Instant requestedAt, Instant deadline, Instant releasedAt) {
}
