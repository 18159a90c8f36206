package dev.rotor.vaultdev;

import java.time.Instant;
import java.util.UUID;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The {@code sys/} endpoints Rotor and its clients use: health, seal, mounts and leases. */
final class SysBackend {

    /**
     * The Vault API generation this server follows; the build suffix tells anyone reading
     * sys/health (or a client log) that this is the Rotor dev server, not Vault.
     */
    static final String VERSION = "1.17.0+rotor-dev";
    static final String CLUSTER_NAME = "rotor-dev-server";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final MountTable mounts;
    private final PolicyStore policies;
    private final Seal seal;
    private final Supplier<Instant> clock;
    private final String clusterId = UUID.randomUUID().toString();

    SysBackend(MountTable mounts, PolicyStore policies, Seal seal, Supplier<Instant> clock) {
        this.mounts = mounts;
        this.policies = policies;
        this.seal = seal;
        this.clock = clock;
    }

    /**
     * @param path the request path below {@code sys/}; while sealed, only health, seal-status,
     *             seal and unseal get here, and without a token
     */
    VaultResponse handle(VaultRequest request, String path) {
        if (path.equals("health")) {
            request.require(Operation.READ);
            // Vault's default codes: 200 active, 503 sealed (501 uninitialised does not arise here).
            return VaultResponse.raw(health()).withStatus(seal.isSealed() ? 503 : 200);
        }
        if (path.equals("seal-status")) {
            request.require(Operation.READ);
            return VaultResponse.raw(sealStatus());
        }
        if (path.equals("seal")) {
            request.require(Operation.UPDATE);
            return sealWith();
        }
        if (path.equals("unseal")) {
            request.require(Operation.UPDATE);
            return unseal(request.body());
        }
        if (path.equals("mounts") || path.equals("mounts/")) {
            request.require(Operation.READ);
            return listMounts();
        }
        if (path.startsWith("mounts/")) {
            return mount(request, path.substring("mounts/".length()));
        }
        if (path.equals("internal/ui/mounts") || path.equals("internal/ui/mounts/")) {
            request.require(Operation.READ);
            return uiMounts(request.token());
        }
        if (path.startsWith("internal/ui/mounts/")) {
            request.require(Operation.READ);
            return uiMount(path.substring("internal/ui/mounts/".length()), request.token());
        }
        if (path.equals("leases/revoke") || path.startsWith("leases/revoke/")) {
            request.require(Operation.UPDATE);
            String leaseId = path.startsWith("leases/revoke/")
                    ? path.substring("leases/revoke/".length())
                    : Params.stringValue(request.body().get("lease_id"));
            if (leaseId.isEmpty()) {
                throw VaultError.badRequest("invalid request");
            }
            // This server hands out no leases (KV v2 and transit have none); Vault answers a
            // revocation of an unknown lease with success, so that revocation is idempotent.
            return VaultResponse.noContent();
        }
        if (path.equals("leases/renew") || path.startsWith("leases/renew/")) {
            request.require(Operation.UPDATE);
            throw VaultError.badRequest("lease not found");
        }
        throw VaultError.unsupportedPath();
    }

    /**
     * Sealing a sealed Vault is a no-op that needs no token, as in Vault's SealWithRequest. An
     * unsealed one got here only if the token may (root, or update and sudo on sys/seal).
     */
    private VaultResponse sealWith() {
        if (seal.isSealed()) {
            return VaultResponse.noContent();
        }
        seal.seal();
        return VaultResponse.noContent();
    }

    /** Vault's handleSysUnseal: reset first, then a key that must be present and well-formed. */
    private VaultResponse unseal(ObjectNode body) {
        if (Params.boolValue(body.get("reset"), "reset")) {
            if (!seal.isSealed()) {
                throw VaultError.badRequest("vault is unsealed");
            }
            return VaultResponse.raw(sealStatus());
        }
        String key = Params.stringValue(body.get("key"));
        if (key.isEmpty()) {
            throw VaultError.badRequest("'key' must be specified in request body as JSON, or 'reset' set to true");
        }
        seal.unsealWith(key);
        return VaultResponse.raw(sealStatus());
    }

    /** One share, threshold one: a key either unseals at once or is refused, so progress stays 0. */
    private ObjectNode sealStatus() {
        ObjectNode status = JSON.objectNode();
        status.put("type", "shamir");
        status.put("initialized", true);
        status.put("sealed", seal.isSealed());
        status.put("t", 1);
        status.put("n", 1);
        status.put("progress", 0);
        status.put("nonce", "");
        status.put("version", VERSION);
        status.put("migration", false);
        if (!seal.isSealed()) {
            status.put("cluster_name", CLUSTER_NAME);
            status.put("cluster_id", clusterId);
        }
        status.put("recovery_seal", false);
        return status;
    }

    private ObjectNode health() {
        boolean sealed = seal.isSealed();
        ObjectNode health = JSON.objectNode();
        health.put("initialized", true);
        health.put("sealed", sealed);
        // A sealed Vault node is not the active one, and it reports itself as a standby.
        health.put("standby", sealed);
        health.put("performance_standby", false);
        health.put("replication_performance_mode", "disabled");
        health.put("replication_dr_mode", "disabled");
        health.put("server_time_utc", clock.get().getEpochSecond());
        health.put("version", VERSION);
        health.put("enterprise", false);
        if (!sealed) {
            // Vault reads the cluster's name and id from behind the barrier, so a sealed one has none.
            health.put("cluster_name", CLUSTER_NAME);
            health.put("cluster_id", clusterId);
        }
        return health;
    }

    private VaultResponse mount(VaultRequest request, String path) {
        switch (request.operation()) {
            case READ -> {
                Mount mount = mounts.get(path).orElseThrow(() ->
                        VaultError.badRequest("No secret engine mount at " + MountTable.normalize(path)));
                return VaultResponse.data(describe(mount));
            }
            case UPDATE -> {
                mounts.add(newMount(MountTable.normalize(path), request.body()));
                return VaultResponse.noContent();
            }
            case DELETE -> {
                mounts.remove(path);
                return VaultResponse.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        }
    }

    private static Mount newMount(String path, ObjectNode body) {
        String type = Params.stringValue(body.get("type"));
        String description = Params.stringValue(body.get("description"));
        JsonNode options = body.get("options");
        String kvVersion = options != null && options.isObject() ? Params.stringValue(options.get("version")) : "";
        return switch (type) {
            case "kv-v2" -> Mount.kvV2(path, description);
            case Mount.KV -> {
                if (!kvVersion.equals("2")) {
                    throw VaultError.badRequest("KV version 1 is not supported by the Rotor Vault dev server;"
                            + " mount with options.version=2");
                }
                yield Mount.kvV2(path, description);
            }
            case Mount.TRANSIT -> Mount.transit(path, description);
            case "" -> throw VaultError.badRequest("backend type must be specified as a string");
            default -> throw VaultError.badRequest("secrets engine type " + type
                    + " is not supported by the Rotor Vault dev server (supported: kv version 2, transit)");
        };
    }

    private VaultResponse listMounts() {
        ObjectNode data = JSON.objectNode();
        mounts.all().forEach(mount -> data.set(mount.path, describe(mount)));
        return VaultResponse.dataAlsoAtTopLevel(data);
    }

    /** Like Vault, only the mounts the token can reach something in. */
    private VaultResponse uiMounts(TokenEntry token) {
        ObjectNode data = JSON.objectNode();
        ObjectNode secret = data.putObject("secret");
        mounts.all().stream().filter(mount -> mayReach(token, mount))
                .forEach(mount -> secret.set(mount.path, describe(mount)));
        data.putObject("auth");
        return VaultResponse.data(data);
    }

    /**
     * What clients such as the Vault CLI call to learn a mount's type and KV version. Vault
     * answers it to any token that can reach something in the mount, not by a policy on this path.
     */
    private VaultResponse uiMount(String path, TokenEntry token) {
        Mount mount = mounts.find(path).filter(found -> mayReach(token, found)).orElseThrow(() -> VaultError.forbidden(
                "preflight capability check returned 403, please ensure client's policies grant access to path \""
                        + MountTable.normalize(path) + "\""));
        ObjectNode data = describe(mount);
        data.put("path", mount.path);
        return VaultResponse.data(data);
    }

    private boolean mayReach(TokenEntry token, Mount mount) {
        return token.isRoot() || policies.aclFor(token).grantsAnythingUnder(mount.path);
    }

    private static ObjectNode describe(Mount mount) {
        ObjectNode entry = JSON.objectNode();
        entry.put("accessor", mount.accessor);
        ObjectNode config = entry.putObject("config");
        config.put("default_lease_ttl", 0);
        config.put("force_no_cache", false);
        config.put("max_lease_ttl", 0);
        entry.put("deprecation_status", "supported");
        entry.put("description", mount.description);
        entry.put("external_entropy_access", false);
        entry.put("local", false);
        if (mount.options == null) {
            entry.putNull("options");
        } else {
            ObjectNode options = entry.putObject("options");
            mount.options.forEach(options::put);
        }
        entry.put("plugin_version", "");
        entry.put("running_plugin_version", "v0.0.0+builtin.rotor-dev");
        entry.put("running_sha256", "");
        entry.put("seal_wrap", false);
        entry.put("type", mount.type);
        entry.put("uuid", mount.uuid);
        return entry;
    }

}
