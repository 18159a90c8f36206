package dev.rotor.scheduler.policy;

import java.util.ArrayList;
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

    /**
     * What this matrix forbids about {@code secret}, one home for registering it and for applying the matrix over it:
     * its class's admin and allowed hosts, and a strategy the matrix sets that cannot rotate it.
     */
    public List<MatrixRefusal> refusals(ManagedSecret secret, StrategyFit fit) {
        List<MatrixRefusal> refusals = new ArrayList<>();
        String adminPath = secret.target().adminPath();
        String host = secret.target().host();
        classOf(secret).ifPresent(c -> {
            if (!c.allowsAdmin(adminPath)) {
                refusals.add(new MatrixRefusal("classes." + c.name() + ".adminSecret", "target.adminSecret", "class " + c.name()
                        + " changes its secrets' credentials with the admin at " + c.adminSecret().orElseThrow() + " only; "
                        + secret.id() + (adminPath == null ? " names none" : " names " + adminPath)));
            }
            if (!c.allowsHost(host)) {
                refusals.add(new MatrixRefusal("classes." + c.name() + ".allowedHosts", "target.host", secret.id() + " targets " + host
                        + ", which none of class " + c.name() + "'s allowed hosts " + c.allowedHosts() + " allows"));
            }
        });
        resolve(secret).strategy().ifPresent(strategy -> fit.refusal(secret, strategy).ifPresent(why -> {
            String rule = Optional.ofNullable(secrets.get(secret.id())).filter(own -> own.strategy().isPresent())
                    .map(own -> "secrets." + own.secretId())
                    .or(() -> classOf(secret).map(c -> "classes." + c.name()))
                    .orElseThrow() + ".strategy";
            refusals.add(new MatrixRefusal(rule, "strategy", strategy.id() + " (" + rule + ") cannot rotate " + secret.id() + ": "
                    + why + "; give the secret its own strategy under the matrix's secrets:, or add what it needs"));
        }));
        return refusals;
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
