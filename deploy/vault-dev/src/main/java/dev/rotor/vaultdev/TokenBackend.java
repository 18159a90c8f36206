package dev.rotor.vaultdev;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Vault's token auth method endpoints under {@code auth/token/}: create, lookup-self, renew-self
 * and revoke-self, with Vault's TTL rules (768h system maximum, explicit_max_ttl caps renewals; a periodic
 * token, which only root or sudo may create, renews to its period for as long as it is renewed)
 * and its limits on what a parent without root or sudo may hand to a child.
 */
final class TokenBackend {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final TokenStore tokens;
    private final PolicyStore policyStore;
    private final Supplier<Instant> clock;

    TokenBackend(TokenStore tokens, PolicyStore policies, Supplier<Instant> clock) {
        this.tokens = tokens;
        this.policyStore = policies;
        this.clock = clock;
    }

    /** @param path the request path below {@code auth/token/} */
    VaultResponse handle(VaultRequest request, String path) {
        TokenEntry caller = request.token();
        return switch (path) {
            case "lookup-self" -> {
                if (request.operation() != Operation.READ && request.operation() != Operation.UPDATE) {
                    throw VaultError.unsupportedOperation();
                }
                yield VaultResponse.data(describe(caller));
            }
            case "create", "create-orphan" -> {
                request.require(Operation.UPDATE);
                yield create(request, caller, path);
            }
            case "renew-self" -> {
                request.require(Operation.UPDATE);
                yield renew(request, caller);
            }
            case "revoke-self" -> {
                request.require(Operation.UPDATE);
                tokens.revoke(caller.id);
                yield VaultResponse.noContent();
            }
            default -> throw VaultError.unsupportedPath();
        };
    }

    private VaultResponse create(VaultRequest request, TokenEntry parent, String path) {
        ObjectNode body = request.body();
        if (Params.longValue(body.get("num_uses"), "num_uses") != 0 || "batch".equals(Params.stringValue(body.get("type")))) {
            throw VaultError.badRequest("num_uses and batch tokens are not supported by the Rotor Vault dev server");
        }
        // Vault's isSudo: root, or sudo on the create path; only then may a parent hand out any policy,
        // choose the token id or make an orphan through no_parent.
        String createPath = "auth/token/" + path;
        boolean sudo = parent.isRoot() || policyStore.aclFor(parent).allows(createPath, false, Capability.SUDO);
        String requestedId = body.hasNonNull("id") ? body.get("id").asText() : null;
        if (requestedId != null && !sudo) {
            throw VaultError.badRequest("root or sudo privileges required to specify token id");
        }
        boolean noParent = Params.boolValue(body.get("no_parent"), "no_parent");
        if (noParent && !sudo) {
            throw VaultError.badRequest("root or sudo privileges required to create orphan token");
        }
        long period = Params.durationSeconds(body.get("period"), "period");
        if (period > 0 && !sudo) {
            throw VaultError.badRequest("root or sudo privileges required to create periodic token");
        }
        List<String> policies = policies(body, parent, sudo);
        long ttl = period > 0 ? period : Params.durationSeconds(body.get("ttl"), "ttl");
        long explicitMaxTtl = Params.durationSeconds(body.get("explicit_max_ttl"), "explicit_max_ttl");
        boolean root = policies.contains("root");
        if (ttl == 0 && !root) {
            ttl = Params.SYSTEM_MAX_TTL_SECONDS;
        }
        if (explicitMaxTtl > 0 && (ttl == 0 || ttl > explicitMaxTtl)) {
            ttl = explicitMaxTtl;
        }
        if (period == 0) {
            ttl = Math.min(ttl, Params.SYSTEM_MAX_TTL_SECONDS);
        }

        Instant now = clock.get();
        TokenEntry entry = new TokenEntry();
        entry.policies = policies;
        entry.displayName = displayName(Params.stringValue(body.get("display_name")));
        entry.path = createPath;
        entry.orphan = path.equals("create-orphan") || noParent;
        entry.renewable = ttl > 0 && (!body.has("renewable") || Params.boolValue(body.get("renewable"), "renewable"));
        entry.creationTime = now;
        entry.creationTtlSeconds = ttl;
        entry.explicitMaxTtlSeconds = explicitMaxTtl;
        entry.periodSeconds = period;
        entry.expireTime = ttl == 0 ? null : now.plusSeconds(ttl);
        return VaultResponse.auth(authBlock(tokens.issue(requestedId, entry), now), List.of());
    }

    /**
     * Vault's SanitizePolicies: sorted, unique, "default" added unless no_default_policy or root.
     * Without root or sudo, a child may get only its parent's policies (and "default").
     */
    private static List<String> policies(ObjectNode body, TokenEntry parent, boolean sudo) {
        JsonNode requested = body.get("policies");
        if (requested == null || requested.isNull()) {
            return parent.policies;
        }
        TreeSet<String> policies = new TreeSet<>(Params.stringList(requested));
        if (!sudo) {
            TreeSet<String> beyondParent = new TreeSet<>(policies);
            beyondParent.remove("default");
            beyondParent.removeAll(parent.policies);
            if (!beyondParent.isEmpty()) {
                throw VaultError.badRequest("child policies must be subset of parent");
            }
        }
        if (!policies.contains("root") && !Params.boolValue(body.get("no_default_policy"), "no_default_policy")) {
            policies.add("default");
        }
        return new ArrayList<>(policies);
    }

    private static String displayName(String requested) {
        if (requested.isEmpty()) {
            return "token";
        }
        return ("token-" + requested).replaceAll("[^a-zA-Z0-9-]", "-").replaceAll("-+$", "");
    }

    /** A renewal extends from now by the increment (or the creation TTL), never past the token's max. */
    private VaultResponse renew(VaultRequest request, TokenEntry token) {
        if (!token.renewable) {
            throw VaultError.badRequest("lease is not renewable");
        }
        long increment = Params.durationSeconds(request.body().get("increment"), "increment");
        if (increment <= 0) {
            increment = token.creationTtlSeconds;
        }
        // Vault ignores the increment of a periodic token: its TTL becomes the period, and only an explicit max caps it.
        if (token.periodSeconds > 0) {
            increment = token.periodSeconds;
        }
        Instant now = clock.get();
        Instant maxExpire = token.periodSeconds > 0 ? Instant.MAX : token.creationTime.plusSeconds(Params.SYSTEM_MAX_TTL_SECONDS);
        if (token.explicitMaxTtlSeconds > 0) {
            Instant explicitMax = token.creationTime.plusSeconds(token.explicitMaxTtlSeconds);
            maxExpire = explicitMax.isBefore(maxExpire) ? explicitMax : maxExpire;
        }
        Instant wanted = now.plusSeconds(increment);
        List<String> warnings = new ArrayList<>();
        if (wanted.isAfter(maxExpire)) {
            long maxTtl = Math.max(0, maxExpire.getEpochSecond() - now.getEpochSecond());
            warnings.add("TTL of \"" + Params.formatDuration(increment) + "\" exceeded the effective max_ttl of \""
                    + Params.formatDuration(maxTtl) + "\"; TTL value is capped accordingly");
            wanted = maxExpire;
        }
        token.expireTime = wanted;
        return VaultResponse.auth(authBlock(token, now), warnings);
    }

    private static ObjectNode authBlock(TokenEntry token, Instant now) {
        ObjectNode auth = JSON.objectNode();
        auth.put("client_token", token.id);
        auth.put("accessor", token.accessor);
        token.policies.forEach(auth.putArray("policies")::add);
        token.policies.forEach(auth.putArray("token_policies")::add);
        auth.putNull("metadata");
        auth.put("lease_duration", token.remainingTtlSeconds(now));
        auth.put("renewable", token.renewable);
        auth.put("entity_id", "");
        auth.put("token_type", "service");
        auth.put("orphan", token.orphan);
        auth.putNull("mfa_requirement");
        auth.put("num_uses", 0);
        return auth;
    }

    private ObjectNode describe(TokenEntry token) {
        Instant now = clock.get();
        ObjectNode data = JSON.objectNode();
        data.put("accessor", token.accessor);
        data.put("creation_time", token.creationTime.getEpochSecond());
        data.put("creation_ttl", token.creationTtlSeconds);
        data.put("display_name", token.displayName);
        data.put("entity_id", "");
        if (token.expireTime == null) {
            data.putNull("expire_time");
        } else {
            data.put("expire_time", Timestamps.format(token.expireTime));
        }
        data.put("explicit_max_ttl", token.explicitMaxTtlSeconds);
        // As Vault: only a periodic token's lookup names its period.
        if (token.periodSeconds > 0) {
            data.put("period", token.periodSeconds);
        }
        data.put("id", token.id);
        data.put("issue_time", Timestamps.format(token.creationTime));
        data.putNull("meta");
        data.put("num_uses", 0);
        data.put("orphan", token.orphan);
        data.put("path", token.path);
        token.policies.forEach(data.putArray("policies")::add);
        data.put("renewable", token.renewable);
        data.put("ttl", token.remainingTtlSeconds(now));
        data.put("type", "service");
        return data;
    }
}
