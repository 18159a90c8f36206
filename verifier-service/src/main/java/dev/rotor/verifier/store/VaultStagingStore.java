package dev.rotor.verifier.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.verifier.domain.StagedCredential;
import dev.rotor.verifier.domain.StagingRef;
import dev.rotor.verifier.service.StagingEntryInvalid;
import dev.rotor.verifier.service.StagingStore;
import dev.rotor.verifier.service.StagingStoreUnavailable;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;

/**
 * Staging entries in Vault KV v2. The entry also holds the rotator's bookkeeping (rotationId,
 * previousVersion); the verifier needs only the credential.
 */
@ApplicationScoped
class VaultStagingStore implements StagingStore {

    private final VaultClient vault;

    VaultStagingStore(VaultClient vault) {
        this.vault = vault;
    }

    // Called on a worker thread (the listener is @Blocking): joining the client's future is fine there.
    @Override
    public Optional<StagedCredential> read(StagingRef staging) {
        Map<String, Object> data;
        try {
            data = vault.secrets().kv2(staging.mount()).readSecret(staging.path()).toCompletableFuture().join().getData();
        } catch (CompletionException e) {
            // KV v2 answers 404 for a path that never existed and for a deleted or destroyed version alike.
            if (e.getCause() instanceof VaultClientException client && client.getStatus() == 404) {
                return Optional.empty();
            }
            throw new StagingStoreUnavailable(staging, e.getCause() == null ? e : e.getCause());
        }
        return Optional.of(new StagedCredential(field(staging, data, "username"), field(staging, data, "password")));
    }

    private static String field(StagingRef staging, Map<String, Object> data, String name) {
        if (data != null && data.get(name) instanceof String value && !value.isEmpty()) {
            return value;
        }
        throw new StagingEntryInvalid(staging, name);
    }
}
