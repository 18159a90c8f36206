package dev.rotor.scheduler.policy;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.scheduler.domain.ManagedSecret;

/**
 * The rotation matrix in force. One matrix governs the scheduler at a time: the last applied (the
 * compacted rotation.policy has one partition, so "last" is the same on every instance). Before any
 * is applied, the empty matrix: registrations alone decide, without limits.
 */
@ApplicationScoped
public class PolicyBook {

    public static final RotationMatrix NO_POLICY = new RotationMatrix("none", "none", Limits.NONE, Map.of(), Map.of());

    private final AtomicReference<AppliedPolicy> applied = new AtomicReference<>();
    private final Set<String> revisionsRead = ConcurrentHashMap.newKeySet();

    public RotationMatrix current() {
        AppliedPolicy policy = applied.get();
        return policy == null ? NO_POLICY : policy.matrix();
    }

    public EffectivePolicy policyOf(ManagedSecret secret) {
        return current().resolve(secret);
    }

    public Optional<AppliedPolicy> applied() {
        return Optional.ofNullable(applied.get());
    }

    /** A policy applied here, or read from rotation.policy; a record read late (older than the one in force) changes nothing. */
    public void apply(AppliedPolicy policy) {
        revisionsRead.add(policy.matrix().revision());
        applied.accumulateAndGet(policy, (current, next) -> current == null || !next.appliedAt().isBefore(current.appliedAt()) ? next : current);
    }

    /** Whether this instance has read that revision of a policy, in force or since replaced. */
    public boolean hasRead(String revision) {
        return revisionsRead.contains(revision);
    }

    /** The policy of that name was deleted (a tombstone on rotation.policy): back to registrations alone if it was in force. */
    public void withdraw(String policyName) {
        applied.updateAndGet(current -> current != null && current.matrix().name().equals(policyName) ? null : current);
    }
}
