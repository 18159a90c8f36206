package dev.rotor.vaultdev;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/** Sends an authorized request to sys, the token auth method, or the engine of its mount. */
final class VaultRouter {

    private final MountTable mounts;
    private final SysBackend sys;
    private final PolicyBackend policyEndpoints;
    private final TokenBackend tokenAuth;
    private final KvV2Engine kv;
    private final TransitEngine transit;

    VaultRouter(MountTable mounts, TokenStore tokens, PolicyStore policies, Seal seal, Supplier<Instant> clock) {
        this.mounts = mounts;
        this.sys = new SysBackend(mounts, policies, seal, clock);
        this.policyEndpoints = new PolicyBackend(policies);
        this.tokenAuth = new TokenBackend(tokens, policies, clock);
        this.kv = new KvV2Engine(clock);
        this.transit = new TransitEngine(clock);
    }

    VaultResponse route(VaultRequest request) {
        String path = request.path();
        if (path.startsWith("sys/")) {
            String below = path.substring("sys/".length());
            return PolicyBackend.handles(below) ? policyEndpoints.handle(request, below) : sys.handle(request, below);
        }
        if (path.startsWith("auth/token/")) {
            return tokenAuth.handle(request, path.substring("auth/token/".length()));
        }
        Mount mount = mounts.find(path).orElseThrow(() -> VaultError.noHandler(path));
        return switch (mount.type) {
            case Mount.KV -> kv.handle(request, below(mount, path), mount.kv);
            case Mount.TRANSIT -> transit.handle(request, below(mount, path), mount.transitKeys);
            default -> throw new IllegalStateException("Mount " + mount.path + " has unknown type " + mount.type);
        };
    }

    /**
     * Vault's existence check, asked before the ACL check of a write: true when the write would
     * make something new (it then needs "create"), false when it changes something that exists
     * or the path has no existence check (it then needs "update"). sys and token auth have none.
     */
    boolean createsNew(String path) {
        Optional<Mount> found = path.startsWith("sys/") || path.startsWith("auth/") ? Optional.empty() : mounts.find(path);
        if (found.isEmpty()) {
            return false;
        }
        Mount mount = found.get();
        return switch (mount.type) {
            case Mount.KV -> kv.createsNew(below(mount, path), mount.kv);
            case Mount.TRANSIT -> transit.createsNew(below(mount, path), mount.transitKeys);
            default -> false;
        };
    }

    private static String below(Mount mount, String path) {
        return path.length() > mount.path.length() ? path.substring(mount.path.length()) : "";
    }
}
