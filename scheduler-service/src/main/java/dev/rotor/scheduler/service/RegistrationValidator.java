package dev.rotor.scheduler.service;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rotor.scheduler.domain.FieldViolation;
import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.StoreLocation;
import dev.rotor.scheduler.policy.yaml.SecretValueGuard;
import dev.rotor.scheduler.store.StoreEntries;
import dev.rotor.target.Strategy;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetKinds;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Violation;

/**
 * Checks a registration as a whole and reports every mistake at once, each with its field and what
 * to do. Messages never repeat a submitted value: a value in the wrong field may be a password.
 * Credential keys and credential-shaped values are recognised as in a policy file ({@link SecretValueGuard}).
 */
@ApplicationScoped
public class RegistrationValidator {

    static final String REJECTED = "Registration rejected; nothing was registered";

    /** The target's fields every kind has; any other field of the target is a property its kind checks. */
    static final Set<String> TARGET_FIELDS = Set.of("type", "host", "port", "role", "adminSecret");
    private static final Map<String, Set<String>> ALLOWED_FIELDS = Map.of(
            "", Set.of("id", "class", "owner", "cadence", "store", "target", "strategy"),
            "store.", Set.of("mount", "path"));
    private static final Pattern SECRET_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(/[A-Za-z0-9._-]+)*");

    private final StoreEntries store;
    private final TargetKinds kinds;

    RegistrationValidator(StoreEntries store, TargetKinds kinds) {
        this.store = store;
        this.kinds = kinds;
    }

    /**
     * @param registrant who registers: the caller's principal, recorded as the registration's initiator
     * @param now the registration time, should it be valid
     * @throws InvalidRequestException with every violation found
     * @throws dev.rotor.scheduler.store.StoreUnavailableException when Vault cannot be asked about the entries
     */
    public ManagedSecret validate(JsonNode body, String registrant, Instant now) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException(REJECTED, List.of(new FieldViolation("body",
                    "send a JSON object: {\"id\", \"class\", \"owner\", \"cadence\", \"store\": {...}, \"target\": {...}}")));
        }
        Fields fields = new Fields(body);
        fields.rejectSecretValues(body, "");
        fields.rejectUnknown(body, "");

        String id = fields.text("id", true, "the secret's id, e.g. db/orders-app");
        if (id != null && !SECRET_ID.matcher(id).matches()) {
            fields.violation("id", "use letters, digits, '.', '_' and '-', in segments separated by single '/', e.g. db/orders-app");
            id = null;
        }
        String secretClass = fields.text("class", true, "the kind of secret, e.g. database");
        String owner = fields.text("owner", true, "the team that owns the secret, e.g. team-orders");
        Duration cadence = fields.cadence();

        JsonNode storeNode = fields.object("store", "{\"mount\": \"secret\", \"path\": \"db/orders-app\"}");
        String mount = fields.text(storeNode, "store.mount", true, "the KV v2 mount, e.g. secret");
        String path = fields.text(storeNode, "store.path", true, "the entry's path in the mount, e.g. db/orders-app");

        JsonNode targetNode = fields.object("target",
                "{\"type\": \"postgresql\", \"host\", \"port\", \"role\", \"adminSecret\", \"database\"}");
        String type = fields.text(targetNode, "target.type", true, "one of " + kinds.types());
        if (type != null) {
            kinds.unsupported(type).ifPresent(v -> fields.violation("target." + v.field(), v.message()));
        }
        String host = fields.text(targetNode, "target.host", true, "the target's host name or address");
        Integer port = fields.port(targetNode);
        String role = fields.text(targetNode, "target.role", true, "the account (login role, user) whose credential rotates");
        String adminPath = fields.text(targetNode, "target.adminSecret", false,
                "the path, in the same mount, of the credential allowed to change the account's");
        Map<String, String> properties = fields.properties(targetNode);

        Strategy strategy = fields.strategy(type);
        TargetSpec target = null;
        if (type != null && host != null && port != null && role != null) {
            target = new TargetSpec(type, host, port, role, adminPath, properties);
            List<Violation> found = new ArrayList<>(kinds.validate(target));
            if (strategy != null) {
                found.addAll(strategy.validate(target));
            }
            // A field already refused (e.g. as a credential-shaped value) needs no second message.
            found.stream().filter(v -> !fields.refused("target." + v.field()))
                    .forEach(v -> fields.violation("target." + v.field(), v.message()));
        }
        if (mount != null && path != null) {
            fields.checkEntry(new StoreLocation(mount, path), "store.path", "the current credential of the account");
        }
        if (mount != null && adminPath != null) {
            fields.checkEntry(new StoreLocation(mount, adminPath), "target.adminSecret", "the admin credential");
        }
        if (!fields.violations.isEmpty()) {
            throw new InvalidRequestException(REJECTED, fields.violations);
        }
        return new ManagedSecret(id, secretClass, owner, cadence, new StoreLocation(mount, path), target, strategy, registrant, now);
    }

    /**
     * Why {@code strategy} cannot rotate {@code secret}: its target's kind does not offer it, or the target lacks a field
     * it needs (alternating users: the second account). The {@link dev.rotor.scheduler.policy.StrategyFit} of the
     * strategies the rotation matrix sets over registrations.
     */
    public Optional<String> strategyRefusal(ManagedSecret secret, Strategy strategy) {
        TargetSpec target = secret.target();
        Optional<String> unoffered = kinds.of(target.type()).flatMap(kind -> unoffered(kind, strategy));
        if (unoffered.isPresent()) {
            return unoffered;
        }
        List<Violation> missing = strategy.validate(target);
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(missing.stream().map(v -> "target." + v.field() + ": " + v.message()).collect(Collectors.joining("; ")));
    }

    private static Optional<String> unoffered(TargetKind kind, Strategy strategy) {
        return kind.strategies().contains(strategy) ? Optional.empty()
                : Optional.of(kind.type() + " targets rotate with " + kind.strategies().stream().map(Strategy::id).sorted().toList()
                        + ", not " + strategy.id());
    }

    /** Collects violations while reading a body's fields. */
    private final class Fields {

        private final JsonNode body;
        private final List<FieldViolation> violations = new ArrayList<>();

        Fields(JsonNode body) {
            this.body = body;
        }

        void violation(String field, String message) {
            violations.add(new FieldViolation(field, message));
        }

        boolean refused(String field) {
            return violations.stream().anyMatch(v -> v.field().equals(field));
        }

        void rejectSecretValues(JsonNode node, String prefix) {
            if (node.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    String name = prefix + field.getKey();
                    if (SecretValueGuard.isCredentialKey(field.getKey())) {
                        violation(name, "looks like a secret value: Rotor never takes credentials. Write it to Vault"
                                + " (the store entry, with keys username and password) and register only its location");
                    } else {
                        rejectSecretValues(field.getValue(), name + ".");
                    }
                }
            } else if (node.isArray()) {
                for (int i = 0; i < node.size(); i++) {
                    rejectSecretValues(node.get(i), prefix + i + ".");
                }
            } else if (node.isTextual()) {
                SecretValueGuard.credentialShape(node.textValue()).ifPresent(shape -> violation(prefix.substring(0, prefix.length() - 1),
                        "the value looks like " + shape + ": Rotor never takes credentials. Keep it in Vault and register only its"
                                + " location"));
            }
        }

        void rejectUnknown(JsonNode node, String prefix) {
            Set<String> allowed = ALLOWED_FIELDS.get(prefix);
            for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                boolean alreadyReported = SecretValueGuard.isCredentialKey(name);
                if (!allowed.contains(name) && !alreadyReported) {
                    violation(prefix + name, "unknown field: allowed here are " + allowed.stream().sorted().toList());
                }
            }
            // The target's other fields are its kind's properties: the kind names the ones it does not know.
            if (prefix.isEmpty() && node.path("store").isObject()) {
                rejectUnknown(node.get("store"), "store.");
            }
        }

        String text(String field, boolean required, String what) {
            return text(body, field, required, what);
        }

        String text(JsonNode parent, String field, boolean required, String what) {
            if (parent == null) {
                return null;
            }
            JsonNode node = parent.get(field.substring(field.lastIndexOf('.') + 1));
            if (node == null || node.isNull()) {
                if (required) {
                    violation(field, "required: " + what);
                }
                return null;
            }
            if (!node.isTextual()) {
                violation(field, "must be a string: " + what);
                return null;
            }
            if (node.textValue().isBlank()) {
                violation(field, "must not be blank: " + what);
                return null;
            }
            return node.textValue().trim();
        }

        JsonNode object(String field, String example) {
            JsonNode node = body.get(field);
            if (node == null || node.isNull()) {
                violation(field, "required: an object like " + example);
                return null;
            }
            if (!node.isObject()) {
                violation(field, "must be an object like " + example);
                return null;
            }
            return node;
        }

        Duration cadence() {
            String text = text("cadence", true, "how often the secret rotates, as an ISO-8601 duration such as P30D");
            if (text == null) {
                return null;
            }
            try {
                Duration cadence = Duration.parse(text);
                if (cadence.isNegative() || cadence.isZero()) {
                    violation("cadence", "must be a positive duration, e.g. P30D or PT12H");
                    return null;
                }
                return cadence;
            } catch (DateTimeParseException e) {
                violation("cadence", "not an ISO-8601 duration: use days, hours or minutes, e.g. P30D, PT12H"
                        + " (months and years are not durations: write P90D, not P3M)");
                return null;
            }
        }

        Integer port(JsonNode target) {
            if (target == null) {
                return null;
            }
            JsonNode node = target.get("port");
            if (node == null || node.isNull()) {
                violation("target.port", "required: the target's TCP port, e.g. 5432");
                return null;
            }
            // The range is every kind's check (TargetKinds); here only the JSON's shape.
            if (!node.canConvertToInt() || !node.isIntegralNumber()) {
                violation("target.port", "must be a whole number from 1 to 65535, e.g. 5432");
                return null;
            }
            return node.intValue();
        }

        /**
         * Only that the entry exists: what it holds (the keys, the account) is the rotator's pre-check, before any login,
         * because the scheduler may read where credentials are but never what they are (its Vault policy).
         */
        void checkEntry(StoreLocation location, String field, String what) {
            if (!store.exists(location)) {
                violation(field, "no entry at " + location.describe() + " in Vault (or its current version is deleted): write " + what
                        + " there first, with keys username and password (vault kv put -mount=" + location.mount() + " "
                        + location.path() + " username=... password=...), then register again");
            }
        }

        /** The strategy named, or single-user; it must be one the target's kind can do. */
        Strategy strategy(String type) {
            String id = text("strategy", false, "how a rotation changes the credential, e.g. single-user");
            if (id == null) {
                return Strategy.SINGLE_USER;
            }
            Optional<Strategy> strategy = Strategy.of(id);
            if (strategy.isEmpty()) {
                violation("strategy", "unknown: use one of " + Arrays.stream(Strategy.values()).map(Strategy::id).toList());
            } else if (type != null) {
                kinds.of(type).flatMap(kind -> unoffered(kind, strategy.get())).ifPresent(why -> violation("strategy", why));
            }
            return strategy.orElse(null);
        }

        /** The target's fields besides the common ones, each a string: what its kind reads (e.g. database). */
        Map<String, String> properties(JsonNode target) {
            Map<String, String> properties = new TreeMap<>();
            if (target == null) {
                return properties;
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = target.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> field = it.next();
                if (TARGET_FIELDS.contains(field.getKey()) || SecretValueGuard.isCredentialKey(field.getKey())) {
                    continue;
                }
                String value = text(target, "target." + field.getKey(), false, "a setting of the target's kind");
                if (value != null) {
                    properties.put(field.getKey(), value);
                }
            }
            return properties;
        }
    }
}
