package dev.rotor.scheduler.store;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.scheduler.domain.StoreLocation;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;

/**
 * Vault KV v2 through quarkus-vault's client. The client's calls complete on Vert.x threads, so
 * callers must be on a worker thread (REST resources here are).
 */
@ApplicationScoped
class VaultStoreEntries implements StoreEntries {

    private static final int NOT_FOUND = 404;

    private final VaultClient vault;

    VaultStoreEntries(VaultClient vault) {
        this.vault = vault;
    }

    @Override
    public Optional<Set<String>> keyNames(StoreLocation location) {
        try {
            var entry = vault.secrets().kv2(location.mount()).readSecret(location.path()).toCompletableFuture().join();
            // Only the names leave this method: the values are dropped here.
            return Optional.of(Set.copyOf(entry.getData().keySet()));
        } catch (CompletionException e) {
            if (e.getCause() instanceof VaultClientException vaultError && vaultError.getStatus() == NOT_FOUND) {
                return Optional.empty();
            }
            throw new StoreUnavailableException("Could not read " + location.describe() + " from Vault: "
                    + describe(e.getCause()) + ". Check that Vault is up and that the scheduler's token may read the mount", e.getCause());
        }
    }

    // Vault's error bodies name the path and the problem; they never echo an entry's data.
    private static String describe(Throwable error) {
        if (error instanceof VaultClientException vaultError) {
            return "status " + vaultError.getStatus() + " " + vaultError.getErrors();
        }
        return error.getClass().getSimpleName() + ": " + error.getMessage();
    }
}
