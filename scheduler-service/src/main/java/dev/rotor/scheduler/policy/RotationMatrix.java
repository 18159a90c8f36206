package dev.rotor.scheduler.policy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.rotor.scheduler.domain.ManagedSecret;

/**
 * The applied policy: global limits, classes and per-secret entries. Never values. {@code classes}
 * keeps the file's order: a secret whose id matches the scope of several classes belongs to the first.
 */
public record RotationMatrix(String name, String revision, Limits limits, Map<String, ClassPolicy> classes, Map<String, SecretPolicy> secrets) {

    /** Resolves what applies to {@code secret}: secret entry over class (by scope, else registered class) over registration. */
    public EffectivePolicy resolve(ManagedSecret secret) {
        Optional<ClassPolicy> cls = classOf(secret);
        Optional<SecretPolicy> own = Optional.ofNullable(secrets.get(secret.id()));
        Cadence registered = new Cadence.Every(secret.cadenceText(), secret.cadence());
        return new EffectivePolicy(
                secret.id(),
                cls.map(ClassPolicy::name).orElse(secret.secretClass()),
                own.flatMap(SecretPolicy::owner).or(() -> cls.map(ClassPolicy::owner)).orElse(secret.owner()),
                own.flatMap(SecretPolicy::contact).or(() -> cls.flatMap(ClassPolicy::contact)),
                own.flatMap(SecretPolicy::cadence).or(() -> cls.flatMap(ClassPolicy::cadence)).orElse(registered),
                own.flatMap(SecretPolicy::windows).or(() -> cls.map(ClassPolicy::windows)).orElse(List.of()),
                own.flatMap(SecretPolicy::jitter).or(() -> cls.map(ClassPolicy::jitter)).orElse(PolicyDefaults.JITTER),
                own.flatMap(SecretPolicy::exemption).or(() -> cls.flatMap(c -> exemptionOf(c, secret.id()))),
                own.flatMap(SecretPolicy::emergencyNeedsApproval).or(() -> cls.map(ClassPolicy::emergencyNeedsApproval))
                        .orElse(PolicyDefaults.EMERGENCY_NEEDS_APPROVAL),
                cls.map(ClassPolicy::rollout).orElse(Rollout.ALL_AT_ONCE),
                cls.map(ClassPolicy::maxConcurrent).orElse(PolicyDefaults.MAX_CONCURRENT),
                cls.map(ClassPolicy::maxConsecutiveFailures).orElse(PolicyDefaults.MAX_CONSECUTIVE_FAILURES),
                own.flatMap(SecretPolicy::strategy).or(() -> cls.flatMap(ClassPolicy::strategy)));
    }

    /** Whether any rule of this matrix reaches the secret: a class (by scope or registered class) or an entry of its own. */
    public boolean covers(ManagedSecret secret) {
        return secrets.containsKey(secret.id()) || classOf(secret).isPresent();
    }

    /** The class a secret belongs to: the first whose scope matches its id, else the class it was registered with, if the matrix has it. */
    public Optional<ClassPolicy> classOf(ManagedSecret secret) {
        return classes.values().stream()
                .filter(c -> c.scope().stream().anyMatch(glob -> Globs.matches(glob, secret.id())))
                .findFirst()
                .or(() -> Optional.ofNullable(classes.get(secret.secretClass())));
    }

    private static Optional<Exemption> exemptionOf(ClassPolicy cls, String secretId) {
        return cls.exemptions().stream().filter(e -> Globs.matches(e.secretPattern(), secretId)).findFirst();
    }
}
