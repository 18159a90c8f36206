package dev.rotor.vaultdev;

import java.util.List;

/**
 * An error answered the way Vault answers it: an HTTP status and {@code {"errors":[...]}}.
 * Clients (quarkus-vault among them) match on these exact strings, so the wording is Vault's.
 */
final class VaultError extends RuntimeException {

    final int status;
    final List<String> errors;

    private VaultError(int status, List<String> errors) {
        // No stack trace: these are answers to callers, not faults of the server.
        super(String.join("; ", errors), null, false, false);
        this.status = status;
        this.errors = errors;
    }

    static VaultError badRequest(String message) {
        return new VaultError(400, List.of(message));
    }

    static VaultError internal(String message) {
        return new VaultError(500, List.of(message));
    }

    /** Vault answers a missing secret, key or metadata entry with 404 and an empty error list. */
    static VaultError forbidden(String message) {
        return new VaultError(403, List.of(message));
    }

    static VaultError notFound() {
        return new VaultError(404, List.of());
    }

    static VaultError permissionDenied() {
        return new VaultError(403, List.of("permission denied"));
    }

    /**
     * What Vault answers when a valid token's policies do not allow the call: the message comes
     * wrapped by Go's multierror, and clients that match on it see exactly that.
     */
    static VaultError aclDenied() {
        return new VaultError(403, List.of("1 error occurred:\n\t* permission denied\n\n"));
    }

    static VaultError unsupportedPath() {
        return new VaultError(404, List.of("unsupported path"));
    }

    static VaultError unsupportedOperation() {
        return new VaultError(405, List.of("unsupported operation"));
    }

    /** What a sealed Vault answers to everything but sys/health, sys/seal-status, sys/seal and sys/unseal. */
    static VaultError sealed() {
        return new VaultError(503, List.of("Vault is sealed"));
    }

    static VaultError noHandler(String path) {
        return new VaultError(404, List.of("no handler for route \"" + path + "\". route entry not found."));
    }
}
