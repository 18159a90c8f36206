package dev.rotor.scheduler.policy;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.StoreLocation;
import dev.rotor.target.Strategy;
import dev.rotor.target.TargetSpec;

/** Matrices built from records, without the parser: what resolve and the differ see. */
final class MatrixFixtures {

    static final Instant REGISTERED = Instant.parse("2026-01-01T00:00:00Z");
    static final RotationWindow NIGHTS = new RotationWindow(Set.of(DayOfWeek.MONDAY), LocalTime.of(22, 0), LocalTime.of(4, 0), ZoneOffset.UTC);
    static final Rollout CANARY = new Rollout(2, 10, 0.2, 3);

    private MatrixFixtures() {
    }

    /** Registered with class {@code registeredClass}, owner team-registered, cadence P30D. */
    static ManagedSecret secret(String id, String registeredClass) {
        return new ManagedSecret(id, registeredClass, "team-registered", Duration.ofDays(30), new StoreLocation("secret", id),
                new TargetSpec("postgresql", "pg1", 5432, "role", "admin", Map.of("database", "app")), Strategy.SINGLE_USER, "test", REGISTERED);
    }

    /** A class that sets every field: owner team-{name}, contact #{name}, P14D, NIGHTS, jitter 30m, 5 at once, CANARY, 4 failures. */
    static ClassPolicy fullClass(String name, List<String> scope, Exemption... exemptions) {
        return new ClassPolicy(name, "team-" + name, Optional.of("#" + name), Optional.of(cadence("P14D")), List.of(NIGHTS),
                Duration.ofMinutes(30), 5, scope, List.of(exemptions), true, CANARY, 4, Optional.empty(), List.of(), Optional.empty());
    }

    /** The class, rotating its secrets with {@code strategy}. */
    static ClassPolicy rotatingWith(ClassPolicy c, Strategy strategy) {
        return new ClassPolicy(c.name(), c.owner(), c.contact(), c.cadence(), c.windows(), c.jitter(), c.maxConcurrent(), c.scope(),
                c.exemptions(), c.emergencyNeedsApproval(), c.rollout(), c.maxConsecutiveFailures(), Optional.of(strategy),
                c.allowedHosts(), c.adminSecret());
    }

    /** A class that sets only what it must (its owner): the rest is the registration's or the defaults. */
    static ClassPolicy bareClass(String name, List<String> scope) {
        return new ClassPolicy(name, "team-" + name, Optional.empty(), Optional.empty(), List.of(), PolicyDefaults.JITTER,
                PolicyDefaults.MAX_CONCURRENT, scope, List.of(), PolicyDefaults.EMERGENCY_NEEDS_APPROVAL, Rollout.ALL_AT_ONCE,
                PolicyDefaults.MAX_CONSECUTIVE_FAILURES, Optional.empty(), List.of(), Optional.empty());
    }

    /** A secret entry that sets nothing: everything is inherited. */
    static SecretPolicy emptyEntry(String secretId) {
        return new SecretPolicy(secretId, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    /** Classes in the order given: the first whose scope matches wins. */
    static RotationMatrix matrix(String revision, Limits limits, List<ClassPolicy> classes, SecretPolicy... entries) {
        Map<String, ClassPolicy> byName = new LinkedHashMap<>();
        classes.forEach(c -> byName.put(c.name(), c));
        Map<String, SecretPolicy> byId = new LinkedHashMap<>();
        for (SecretPolicy entry : entries) {
            byId.put(entry.secretId(), entry);
        }
        return new RotationMatrix("production", revision, limits, byName, byId);
    }

    static Cadence cadence(String text) {
        return Cadence.parse(text, ZoneOffset.UTC);
    }
}
