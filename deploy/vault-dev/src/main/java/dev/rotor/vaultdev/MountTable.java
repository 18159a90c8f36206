package dev.rotor.vaultdev;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;

/** The mounted secrets engines; routes a request path to the mount with the longest matching prefix. */
final class MountTable {

    private final Map<String, Mount> mounts;

    MountTable(VaultState state) {
        this.mounts = state.mounts;
    }

    /** A fresh server has what a Vault dev server has, plus transit, which Rotor always uses. */
    void seedDefaults() {
        if (mounts.isEmpty()) {
            add(Mount.kvV2("secret/", "key/value secret storage"));
            add(Mount.transit("transit/", "transit encryption"));
        }
    }

    Optional<Mount> find(String requestPath) {
        String withSlash = requestPath.endsWith("/") ? requestPath : requestPath + "/";
        Mount best = null;
        for (Mount mount : mounts.values()) {
            if (withSlash.startsWith(mount.path) && (best == null || mount.path.length() > best.path.length())) {
                best = mount;
            }
        }
        return Optional.ofNullable(best);
    }

    Optional<Mount> get(String path) {
        return Optional.ofNullable(mounts.get(normalize(path)));
    }

    Collection<Mount> all() {
        return mounts.values();
    }

    void add(Mount mount) {
        for (String existing : mounts.keySet()) {
            if (mount.path.startsWith(existing) || existing.startsWith(mount.path)) {
                throw VaultError.badRequest("path is already in use at " + existing);
            }
        }
        for (String reserved : new String[] {"sys/", "auth/", "cubbyhole/", "identity/"}) {
            if (mount.path.startsWith(reserved)) {
                throw VaultError.badRequest("cannot mount under " + reserved);
            }
        }
        mounts.put(mount.path, mount);
    }

    void remove(String path) {
        mounts.remove(normalize(path));
    }

    static String normalize(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        return trimmed.endsWith("/") ? trimmed : trimmed + "/";
    }
}
