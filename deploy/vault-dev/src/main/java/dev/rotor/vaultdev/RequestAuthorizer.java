package dev.rotor.vaultdev;

import java.util.Set;

/**
 * Vault's policy check of an authenticated call, made before the call reaches its backend: the
 * operation becomes the capability it needs (a write is "create" or "update" by the backend's
 * existence check), and the token's policies must grant it. Root tokens are not checked.
 */
final class RequestAuthorizer {

    /** Vault's root-protected paths among this server's endpoints: they need "sudo" as well. */
    private static final Set<String> SUDO_PATHS = Set.of("sys/seal");
    /** Vault answers these by the token's access to the mount they name, not by a policy on them. */
    private static final String UI_MOUNTS = "sys/internal/ui/mounts";

    private final PolicyStore policies;
    private final VaultRouter router;

    RequestAuthorizer(PolicyStore policies, VaultRouter router) {
        this.policies = policies;
        this.router = router;
    }

    /** @throws VaultError 403 with Vault's multierror "permission denied" when not allowed */
    void authorize(VaultRequest request) {
        TokenEntry token = request.token();
        String path = request.path();
        if (token.isRoot() || path.startsWith(UI_MOUNTS)) {
            return;
        }
        boolean list = request.operation() == Operation.LIST;
        Acl acl = policies.aclFor(token);
        boolean allowed = acl.allows(path, list, capabilityFor(request))
                && (!SUDO_PATHS.contains(path) || acl.allows(path, list, Capability.SUDO));
        if (!allowed) {
            throw VaultError.aclDenied();
        }
    }

    private Capability capabilityFor(VaultRequest request) {
        return switch (request.operation()) {
            case READ -> Capability.READ;
            case LIST -> Capability.LIST;
            case DELETE -> Capability.DELETE;
            case PATCH -> Capability.PATCH;
            case UPDATE -> router.createsNew(request.path()) ? Capability.CREATE : Capability.UPDATE;
        };
    }
}
