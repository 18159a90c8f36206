package dev.rotor.vaultdev;

import java.time.Instant;
import java.util.function.Supplier;

/** Sends an authenticated request to sys, the token auth method, or the engine of its mount. */
final class VaultRouter {

    private final MountTable mounts;
    private final SysBackend sys;
    private final TokenBackend tokenAuth;
    private final KvV2Engine kv;
    private final TransitEngine transit;

    VaultRouter(MountTable mounts, TokenStore tokens, Seal seal, Supplier<Instant> clock) {
        this.mounts = mounts;
        this.sys = new SysBackend(mounts, seal, clock);
        this.tokenAuth = new TokenBackend(tokens, clock);
        this.kv = new KvV2Engine(clock);
        this.transit = new TransitEngine(clock);
    }

    VaultResponse route(VaultRequest request) {
        String path = request.path();
        if (path.startsWith("sys/")) {
            return sys.handle(request, path.substring("sys/".length()));
        }
        if (path.startsWith("auth/token/")) {
            return tokenAuth.handle(request, path.substring("auth/token/".length()));
        }
        Mount mount = mounts.find(path).orElseThrow(() -> VaultError.noHandler(path));
        String below = path.length() > mount.path.length() ? path.substring(mount.path.length()) : "";
        return switch (mount.type) {
            case Mount.KV -> kv.handle(request, below, mount.kv);
            case Mount.TRANSIT -> transit.handle(request, below, mount.transitKeys);
            default -> throw new IllegalStateException("Mount " + mount.path + " has unknown type " + mount.type);
        };
    }
}
