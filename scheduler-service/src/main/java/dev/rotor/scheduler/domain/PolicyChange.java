package dev.rotor.scheduler.domain;

import dev.rotor.scheduler.policy.AppliedPolicy;
import dev.rotor.scheduler.policy.PolicyDiff;

/** A policy applied (or, when {@code unchanged}, the same revision found in force and nothing published), and what it changed. */
public record PolicyChange(AppliedPolicy policy, PolicyDiff diff, boolean unchanged) {
}
