package dev.rotor.scheduler.domain;

import java.time.Instant;
import java.util.Optional;

/** What the scheduler knows of a secret's rotations: the one in flight, and the last that completed. */
public record SecretActivity(Optional<String> inFlightRotationId, Optional<Instant> lastCompletedAt) {
}
