package dev.rotor.scheduler.policy;

import java.util.Optional;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.target.Strategy;

/**
 * Whether a strategy the matrix sets can rotate a registered secret it governs (its target's kind offers it, the
 * target names what it needs): a matrix that would strand one is rejected whole, at the line that sets it.
 */
@FunctionalInterface
public interface StrategyFit {

    /** Why {@code strategy} cannot rotate {@code secret}, e.g. "target.alternateRole required ..."; empty when it can. */
    Optional<String> refusal(ManagedSecret secret, Strategy strategy);
}
