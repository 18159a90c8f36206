package dev.rotor.scheduler.policy;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import dev.rotor.target.Strategy;

/**
 * One secret class of the rotation matrix. {@code scope} holds globs over secret ids; a secret whose
 * id matches one belongs to this class whatever class it was registered with. No windows: any time. A {@code strategy}
 * rotates every secret of the class with it, whatever its registration names. {@code allowedHosts} empty: any host;
 * else a registration's target host must match one of them. {@code adminSecret}: the one admin credential (a store
 * path) its secrets may name, so that a registration cannot borrow another class's admin.
 */
public record ClassPolicy(
        String name,
        String owner,
        Optional<String> contact,
        Optional<Cadence> cadence,
        List<RotationWindow> windows,
        Duration jitter,
        int maxConcurrent,
        List<String> scope,
        List<Exemption> exemptions,
        boolean emergencyNeedsApproval,
        Rollout rollout,
        int maxConsecutiveFailures,
        Optional<Strategy> strategy,
        List<HostRule> allowedHosts,
        Optional<String> adminSecret) {

    /** Whether the class lets its secrets target {@code host}. */
    public boolean allowsHost(String host) {
        return allowedHosts.isEmpty() || allowedHosts.stream().anyMatch(rule -> rule.allows(host));
    }

    /** Whether a secret of the class may change its credential with the admin at {@code adminPath}. */
    public boolean allowsAdmin(String adminPath) {
        return adminSecret.isEmpty() || adminSecret.get().equals(adminPath);
    }
}
