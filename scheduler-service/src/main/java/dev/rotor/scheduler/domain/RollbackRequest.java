package dev.rotor.scheduler.domain;

import java.time.Instant;

/** Ask the rotator to put the previous credential of a rotation back. */
public record RollbackRequest(String rotationId, String secretId, String cause, String initiator, Instant requestedAt) {
}
