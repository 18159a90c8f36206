package dev.rotor.scheduler.store;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.scheduler.domain.StoreLocation;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;

/**
 * Vault KV v2 metadata through quarkus-vault's client: no call here reads a value. The client's calls complete on Vert.x threads, so
 * callers must be on a worker thread (REST resources here are).
 */
@ApplicationScoped
class VaultStoreEntries implements StoreEntries, StoreVersions {

    private static final int NOT_FOUND = 404;

    private final VaultClient vault;

    VaultStoreEntries(VaultClient vault) {
        this.vault = vault;
    }

    @Override
    public boolean exists(StoreLocation location) {
        return read(location, () -> vault.secrets().kv2(location.mount()).readSecretMetadata(location.path()))
                .map(metadata -> metadata.getVersions().get(String.valueOf(metadata.getCurrentVersion())))
                .filter(current -> !Boolean.TRUE.equals(current.isDestroyed()))
                .filter(current -> current.getDeletionTime() == null || current.getDeletionTime().toInstant().isAfter(Instant.now()))
                .isPresent();
    }

    @Override
    public OptionalInt currentVersion(StoreLocation location) {
            return read(location, () -> vault.secrets().kv2(location.mount()).readSecretMetadata(location.path()))
                .map(metadata -> OptionalInt.of(metadata.getCurrentVersion()))
                .orElse(OptionalInt.empty());
    }

    /** Empty when Vault has no entry there (404). */
    private static <T> Optional<T> read(StoreLocation location, Supplier<CompletionStage<T>> call) {
        try {
            return Optional.of(call.get().toCompletableFuture().join());
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
