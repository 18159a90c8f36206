package dev.rotor.scheduler.policy;

import java.time.Instant;

/** Scheduled rotation of the secrets matching {@code secretPattern} (a glob: db/legacy-*) is suspended until {@code until}. */
public record Exemption(String secretPattern, String reason, Instant until) {
}
