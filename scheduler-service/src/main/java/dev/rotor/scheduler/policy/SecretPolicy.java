package dev.rotor.scheduler.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.rotor.target.Strategy;

/** What the matrix sets for one secret by id; empty fields inherit from its class, then its registration. */
public record SecretPolicy(
        String secretId,
        Optional<String> owner,
        Optional<String> contact,
        Optional<Cadence> cadence,
        Optional<List<RotationWindow>> windows,
        Optional<Duration> jitter,
        Optional<Boolean> emergencyNeedsApproval,
        Optional<Exemption> exemption,
        Optional<Strategy> strategy) {
}
