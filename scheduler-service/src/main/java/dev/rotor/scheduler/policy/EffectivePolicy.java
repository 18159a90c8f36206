package dev.rotor.scheduler.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.rotor.target.Strategy;

/**
 * The rules that apply to one secret after resolving the matrix: secret entry over class over
 * registration. {@code windows} empty means any time; {@code strategy} empty means the registration's.
 */
public record EffectivePolicy(
        String secretId,
        String secretClass,
        String owner,
        Optional<String> contact,
        Cadence cadence,
        List<RotationWindow> windows,
        Duration jitter,
        Optional<Exemption> exemption,
        boolean emergencyNeedsApproval,
        Rollout rollout,
        int classMaxConcurrent,
        int maxConsecutiveFailures,
        Optional<Strategy> strategy) {
}
