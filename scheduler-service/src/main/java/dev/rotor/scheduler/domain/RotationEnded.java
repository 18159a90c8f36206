package dev.rotor.scheduler.domain;

import java.time.Instant;

/** A rotation reached its terminal event; {@code completed} only when the new credential was promoted. */
public record RotationEnded(String rotationId, String secretId, boolean completed, Instant at) {
}
