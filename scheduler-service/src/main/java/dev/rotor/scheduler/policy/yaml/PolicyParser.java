package dev.rotor.scheduler.policy.yaml;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.policy.Cadence;
import dev.rotor.scheduler.policy.ClassPolicy;
import dev.rotor.scheduler.policy.Exemption;
import dev.rotor.scheduler.policy.HostRule;
import dev.rotor.scheduler.policy.Limits;
import dev.rotor.scheduler.policy.MatrixRefusal;
import dev.rotor.scheduler.policy.PolicyDefaults;
import dev.rotor.scheduler.policy.Rollout;
import dev.rotor.scheduler.policy.RotationMatrix;
import dev.rotor.scheduler.policy.RotationWindow;
import dev.rotor.scheduler.policy.SecretPolicy;
import dev.rotor.scheduler.policy.StrategyFit;
import dev.rotor.target.Strategy;

/**
 * Reads a rotation matrix from YAML and checks the whole file: every mistake is reported with its line
 * and field, and a file with any mistake is rejected whole. The format is described, with a full
 * example, in the scheduler's README and deploy/policies/rotation-matrix.yaml.
 */
public final class PolicyParser {

    /** A policy names rules for many secrets, not the secrets themselves: a megabyte is far beyond any real one. */
    public static final int MAX_DOCUMENT_CHARS = 1_000_000;

    static final Set<String> TOP_KEYS = Set.of("name", "timezone", "limits", "classes", "secrets");
    static final Set<String> LIMIT_KEYS = Set.of("global", "perTargetHost");
    static final Set<String> CLASS_KEYS = Set.of("owner", "contact", "cadence", "timezone", "windows", "jitter", "maxConcurrent",
            "scope", "exemptions", "emergencySecondApprover", "rollout", "maxConsecutiveFailures", "strategy", "allowedHosts",
            "adminSecret");
    static final Set<String> SECRET_KEYS = Set.of("owner", "contact", "cadence", "timezone", "windows", "jitter",
            "emergencySecondApprover", "exemption", "strategy");
    static final Set<String> ROLLOUT_KEYS = Set.of("canary", "batchSize", "breakerFailureRate", "breakerMinEnded");
    static final Set<String> EXEMPTION_KEYS = Set.of("secrets", "reason", "until");
    static final Set<String> SECRET_EXEMPTION_KEYS = Set.of("reason", "until");

    /** A rollout section's values where it leaves one out. */
    static final Rollout ROLLOUT_DEFAULTS = new Rollout(1, 10, 0.5, 2);

    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");
    private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)*");
    private static final Pattern GLOB = Pattern.compile("[A-Za-z0-9._*?/-]+");

    private final String source;
    private final Problems problems = new Problems();
    private final WindowReader windows;
    /** Where a rule's strategy or allowed hosts are set, by field ({@code classes.database.strategy}): a refusal points there. */
    private final Map<String, Integer> ruleLines = new LinkedHashMap<>();

    private PolicyParser(String source) {
        this.source = source;
        this.windows = new WindowReader(problems);
    }

    /**
     * @param source the file name, for messages ({@code rotation-matrix.yaml:12: ...})
     * @throws PolicyRejectedException with every mistake found
     */
    public static RotationMatrix parse(String document, String source) {
        return new PolicyParser(source).read(document, List.of(), null);
    }

    /**
     * As {@link #parse(String, String)}, and refuses a strategy that cannot rotate a registered secret it would govern.
     *
     * @throws PolicyRejectedException with every mistake found
     */
    public static RotationMatrix parse(String document, String source, Collection<ManagedSecret> secrets, StrategyFit fit) {
        return new PolicyParser(source).read(document, secrets, fit);
    }

    /** sha-256 of the document, hex: the same text is the same revision on every instance. */
    public static String revisionOf(String document) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(document.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private RotationMatrix read(String document, Collection<ManagedSecret> secrets, StrategyFit fit) {
        Optional<Node> root = compose(document);
        root.ifPresent(node -> CredentialScan.scan(node, "", problems));
        RotationMatrix matrix = root.flatMap(node -> MappingReader.of(node, "", problems, "name: production\\nclasses: {...}"))
                .map(top -> matrix(top, document))
                .orElse(null);
        if (matrix != null && fit != null) {
            checkRegistered(matrix, secrets, fit);
        }
        if (problems.any() || matrix == null) {
            throw new PolicyRejectedException(source, problems.sorted());
        }
        return matrix;
    }

    private Optional<Node> compose(String document) {
        if (document == null || document.isBlank()) {
            problems.add(1, "(file)", "the file is empty: it needs at least a name and one class (see deploy/policies/rotation-matrix.yaml)");
            return Optional.empty();
        }
        if (document.length() > MAX_DOCUMENT_CHARS) {
            problems.add(1, "(file)", "the file is larger than " + MAX_DOCUMENT_CHARS + " characters: a policy holds rules, not data;"
                    + " cover many secrets with a class's scope globs");
            return Optional.empty();
        }
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(true); // reported by MappingReader, with both lines
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        try {
            return Optional.ofNullable(new Yaml(options).compose(new java.io.StringReader(document)));
        } catch (MarkedYAMLException e) {
            int line = e.getProblemMark() == null ? 1 : e.getProblemMark().getLine() + 1;
            problems.add(line, "(syntax)", "not valid YAML: " + e.getProblem() + "; check indentation (spaces, not tabs) and quoting");
        } catch (YAMLException e) {
            problems.add(1, "(syntax)", "not valid YAML: " + e.getMessage());
        }
        return Optional.empty();
    }

    private RotationMatrix matrix(MappingReader top, String document) {
        top.allowOnly(TOP_KEYS);
        String name = top.requiredText("name", "the policy's name, e.g. production (applying a file replaces the policy in force)")
                .orElse(null);
        if (name != null && !NAME.matcher(name).matches()) {
            problems.add(top.node("name").orElseThrow(), "name", "use lower-case letters, digits, '.', '_' and '-', e.g. production");
        }
        ZoneId zone = zone(top, "timezone", PolicyDefaults.ZONE);
        Limits limits = top.child("limits", "{global: 20, perTargetHost: 2}").map(this::limits).orElse(Limits.NONE);

        Map<String, ClassPolicy> classes = new LinkedHashMap<>();
        top.child("classes", "{database: {owner: team-dba, ...}}")
                .ifPresent(map -> map.entries().forEach((className, node) -> {
                    String field = "classes." + className;
                    if (!NAME.matcher(className).matches()) {
                        problems.add(map.keyNode(className), field, "a class name uses lower-case letters, digits, '.', '_' and '-',"
                                + " e.g. database or api-key");
                    }
                    map.child(className, "{owner: team-dba, cadence: P30D}")
                            .map(reader -> classPolicy(className, reader, zone))
                            .ifPresent(policy -> classes.put(className, policy));
                }));
        if (top.node("classes").isEmpty()) {
            problems.add(1, "classes", "required: at least one secret class, e.g. classes: {database: {owner: team-dba}}");
        }

        Map<String, SecretPolicy> secrets = new LinkedHashMap<>();
        top.child("secrets", "{db/orders-app: {owner: team-orders}}")
                .ifPresent(map -> map.entries().forEach((secretId, node) -> {
                    String field = "secrets." + secretId;
                    if (!SECRET_ID.matcher(secretId).matches()) {
                        problems.add(map.keyNode(secretId), field, "an entry here is one secret's exact id, e.g. db/orders-app;"
                                + " to cover several secrets use a class's scope (globs)");
                    }
                    map.child(secretId, "{owner: team-orders, cadence: P7D}")
                            .map(reader -> secretPolicy(secretId, reader, zone))
                            .ifPresent(policy -> secrets.put(secretId, policy));
                }));
        return new RotationMatrix(name, revisionOf(document), limits, classes, secrets);
    }

    private Limits limits(MappingReader reader) {
        reader.allowOnly(LIMIT_KEYS);
        return new Limits(
                reader.atLeast("global", 1, "most rotations in flight at once over all secrets").orElse(Limits.NONE.global()),
                reader.atLeast("perTargetHost", 1, "most rotations in flight at once against one target host")
                        .orElse(Limits.NONE.perTargetHost()));
    }

    private ClassPolicy classPolicy(String name, MappingReader reader, ZoneId defaultZone) {
        reader.allowOnly(CLASS_KEYS);
        ZoneId zone = zone(reader, "timezone", defaultZone);
        String owner = reader.requiredText("owner", "the team that owns this class's secrets, e.g. team-dba").orElse("");
        Optional<Cadence> cadence = cadence(reader, zone);
        Duration jitter = reader.duration("jitter", "how far to spread start times at random, e.g. PT30M").orElse(PolicyDefaults.JITTER);
        checkJitter(reader, cadence, jitter);
        List<String> scope = reader.scalars("scope", "a glob over secret ids, e.g. db/*").stream()
                .map(node -> glob(node.getValue().trim(), reader.field("scope"), node.getStartMark().getLine() + 1)).toList();
        List<Exemption> exemptions = reader.items("exemptions", "[{secrets: db/legacy-*, reason: ..., until: 2026-06-30}]").stream()
                .flatMap(item -> MappingReader.of(item.getValue(), item.getKey(), problems, "{secrets: db/legacy-*, reason: ..., until: 2026-06-30}")
                        .flatMap(this::classExemption).stream())
                .toList();
        Rollout rollout = reader.child("rollout", "{canary: 1, batchSize: 10}").map(this::rollout).orElse(Rollout.ALL_AT_ONCE);
        return new ClassPolicy(name, owner,
                reader.text("contact", "where to reach the owner, e.g. #team-dba or dba@example.com"),
                cadence,
                windows.read(reader, zone).orElse(List.of()),
                jitter,
                reader.atLeast("maxConcurrent", 1, "most rotations of this class in flight at once").orElse(PolicyDefaults.MAX_CONCURRENT),
                scope,
                exemptions,
                reader.bool("emergencySecondApprover", "whether an emergency rotation needs a second person's approval")
                        .orElse(PolicyDefaults.EMERGENCY_NEEDS_APPROVAL),
                rollout,
                reader.atLeast("maxConsecutiveFailures", 1, "failed rotations in a row after which the secret is paused")
                        .orElse(PolicyDefaults.MAX_CONSECUTIVE_FAILURES),
                strategy(reader),
                allowedHosts(reader),
                adminSecret(reader));
    }

    private SecretPolicy secretPolicy(String secretId, MappingReader reader, ZoneId defaultZone) {
        reader.allowOnly(SECRET_KEYS);
        ZoneId zone = zone(reader, "timezone", defaultZone);
        Optional<Cadence> cadence = cadence(reader, zone);
        Optional<Duration> jitter = reader.duration("jitter", "how far to spread start times at random, e.g. PT30M");
        jitter.ifPresent(j -> checkJitter(reader, cadence, j));
        Optional<Exemption> exemption = reader.child("exemption", "{reason: ..., until: 2026-06-30}")
                .flatMap(exempt -> {
                    exempt.allowOnly(SECRET_EXEMPTION_KEYS);
                    return exemption(exempt, secretId);
                });
        return new SecretPolicy(secretId,
                reader.text("owner", "the team that owns this secret"),
                reader.text("contact", "where to reach the owner"),
                cadence,
                windows.read(reader, zone),
                jitter,
                reader.bool("emergencySecondApprover", "whether an emergency rotation needs a second person's approval"),
                exemption,
                strategy(reader));
    }

    private List<HostRule> allowedHosts(MappingReader reader) {
        List<HostRule> rules = new ArrayList<>();
        for (ScalarNode node : reader.scalars("allowedHosts", "an address range, address or host name, e.g. 10.20.0.0/16 or *.db.example.com")) {
            try {
                rules.add(HostRule.parse(node.getValue()));
            } catch (IllegalArgumentException e) {
                problems.add(node, reader.field("allowedHosts"), e.getMessage());
            }
        }
        if (reader.node("allowedHosts").isPresent()) {
            ruleLines.put(reader.field("allowedHosts"), reader.line("allowedHosts"));
        }
        return List.copyOf(rules);
    }

    private Optional<String> adminSecret(MappingReader reader) {
        return reader.text("adminSecret", "the store path of the admin credential every secret of the class changes its credential with")
                .filter(path -> {
                    if (SECRET_ID.matcher(path).matches()) {
                        ruleLines.put(reader.field("adminSecret"), reader.line("adminSecret"));
                        return true;
                    }
                    problems.add(reader.line("adminSecret"), reader.field("adminSecret"), "must be a store path such as admin/pg-orders");
                    return false;
                });
    }

    private Optional<Strategy> strategy(MappingReader reader) {
        return reader.text("strategy", "how rotations change the credential: " + strategyIds()).flatMap(id -> {
            Optional<Strategy> strategy = Strategy.of(id);
            if (strategy.isEmpty()) {
                problems.add(reader.line("strategy"), reader.field("strategy"), "unknown strategy '" + id + "': use one of " + strategyIds());
            } else {
                ruleLines.put(reader.field("strategy"), reader.line("strategy"));
            }
            return strategy;
        });
    }

    /** Each thing the matrix would forbid about a registered secret is a mistake at the line of the rule that forbids it. */
    private void checkRegistered(RotationMatrix matrix, Collection<ManagedSecret> secrets, StrategyFit fit) {
        for (ManagedSecret secret : secrets) {
            for (MatrixRefusal refusal : matrix.refusals(secret, fit)) {
                problems.add(ruleLines.getOrDefault(refusal.rule(), 1), refusal.rule(), refusal.message());
            }
        }
    }

    private static String strategyIds() {
        return Arrays.stream(Strategy.values()).map(Strategy::id).toList().toString();
    }

    private Optional<Exemption> classExemption(MappingReader reader) {
        reader.allowOnly(EXEMPTION_KEYS);
        Optional<String> glob = reader.requiredText("secrets", "a glob over the exempt secrets' ids, e.g. db/legacy-*")
                .map(g -> glob(g, reader.field("secrets"), reader.line("secrets")));
        return glob.flatMap(g -> exemption(reader, g));
    }

    private Optional<Exemption> exemption(MappingReader reader, String pattern) {
        Optional<String> reason = reader.requiredText("reason", "why, e.g. 'vendor cannot take a new key before the migration, OPS-123'");
        Optional<Instant> until = reader.requiredText("until", "the expiry date, e.g. 2026-06-30 (exempt until that day starts, UTC)")
                .flatMap(text -> expiry(text, reader));
        return reason.isPresent() && until.isPresent() ? Optional.of(new Exemption(pattern, reason.get(), until.get())) : Optional.empty();
    }

    private Optional<Instant> expiry(String text, MappingReader reader) {
        try {
            return Optional.of(text.length() <= "2026-06-30".length()
                    ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant()
                    : Instant.parse(text));
        } catch (DateTimeException e) {
            problems.add(reader.line("until"), reader.field("until"), "must be a date (2026-06-30) or an instant (2026-06-30T12:00:00Z):"
                    + " every exemption expires");
            return Optional.empty();
        }
    }

    private Rollout rollout(MappingReader reader) {
        reader.allowOnly(ROLLOUT_KEYS);
        Rollout rollout = new Rollout(
                reader.atLeast("canary", 0, "how many secrets rotate first, alone (0: no canary)").orElse(ROLLOUT_DEFAULTS.canary()),
                reader.atLeast("batchSize", 1, "how many secrets rotate together after the canary").orElse(ROLLOUT_DEFAULTS.batchSize()),
                reader.fraction("breakerFailureRate", "the failed share of a batch that pauses the class, e.g. 0.2")
                        .orElse(ROLLOUT_DEFAULTS.breakerFailureRate()),
                reader.atLeast("breakerMinEnded", 1, "how many rotations of a batch must end before the breaker judges it")
                        .orElse(ROLLOUT_DEFAULTS.breakerMinEnded()));
        return rollout;
    }

    private Optional<Cadence> cadence(MappingReader reader, ZoneId zone) {
        return reader.text("cadence", "an ISO-8601 duration (P30D) or a five-field cron expression ('0 3 * * SUN')").flatMap(text -> {
            try {
                return Optional.of(Cadence.parse(text, zone));
            } catch (IllegalArgumentException e) {
                problems.add(reader.line("cadence"), reader.field("cadence"), e.getMessage());
                return Optional.empty();
            }
        });
    }

    private void checkJitter(MappingReader reader, Optional<Cadence> cadence, Duration jitter) {
        if (cadence.isPresent() && cadence.get() instanceof Cadence.Every every && jitter.compareTo(every.period()) >= 0) {
            problems.add(reader.line("jitter"), reader.field("jitter"), "must be shorter than the cadence (" + every.text()
                    + "), or rotations would drift past their due date");
        }
    }

    private ZoneId zone(MappingReader reader, String key, ZoneId fallback) {
        return reader.text(key, "a time zone such as Europe/Berlin or UTC").flatMap(text -> {
            try {
                return Optional.of(ZoneId.of(text));
            } catch (DateTimeException e) {
                problems.add(reader.line(key), reader.field(key), "unknown time zone: use a region id such as Europe/Berlin,"
                        + " America/New_York or UTC");
                return Optional.empty();
            }
        }).orElse(fallback);
    }

    private String glob(String glob, String field, int line) {
        if (!GLOB.matcher(glob).matches()) {
            problems.add(line, field, "a glob over secret ids uses letters, digits, '.', '_', '-', '/', '*' (any characters) and"
                    + " '?' (one character), e.g. db/orders-*");
        }
        return glob;
    }
}
