package dev.rotor.rotator.store;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.rotator.config.RotatorConfig;
import dev.rotor.rotator.domain.Credential;
import dev.rotor.rotator.domain.FinishedRotation;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.domain.StagingEntry;
import dev.rotor.rotator.domain.StoreEntry;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2ReadSecretData;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2UpdateSecretOptions;

/**
 * The secret store (Vault KV v2) as the rotation protocol uses it: the secret's own path holds the
 * promoted credential, {@code <staging prefix>/<path>} holds a rotation in flight, and the secret's
 * custom metadata records the last rotation that ended. Every write is check-and-set.
 */
@ApplicationScoped
public class CredentialStore {

    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String ROTATION_ID = "rotor_rotation_id";
    static final String PREVIOUS_VERSION = "rotor_previous_version";
    static final String LAST_ROTATION = "rotor-last-rotation-id";
    static final String LAST_OUTCOME = "rotor-last-outcome";

    private final VaultClient vault;
    private final String stagingPrefix;

    public CredentialStore(VaultClient vault, RotatorConfig config) {
        this.vault = vault;
        this.stagingPrefix = config.stagingPrefix();
    }

    public String stagingPath(ManagedSecret secret) {
        return stagingPrefix + "/" + secret.path();
    }

    public Optional<StoreEntry> current(ManagedSecret secret) {
        return read(secret.mount(), secret.path()).map(data -> new StoreEntry(
                data.getMetadata().getVersion(), credential(data, secret.mount(), secret.path()), string(data, ROTATION_ID)));
    }

    public Optional<Credential> admin(ManagedSecret secret) {
        String adminPath = secret.target().adminPath();
        return read(secret.mount(), adminPath).map(data -> credential(data, secret.mount(), adminPath));
    }

    public Optional<StagingEntry> staging(ManagedSecret secret) {
        String path = stagingPath(secret);
        return read(secret.mount(), path).map(data -> new StagingEntry(
                string(data, ROTATION_ID), Integer.parseInt(string(data, PREVIOUS_VERSION)), credential(data, secret.mount(), path)));
    }

    /** Creates the staging entry; fails with {@link StoreConflict} when another rotation holds it. */
    public void stage(ManagedSecret secret, StagingEntry entry) {
        write(secret.mount(), stagingPath(secret), 0, Map.of(
                USERNAME, entry.credential().username(),
                PASSWORD, entry.credential().password(),
                ROTATION_ID, entry.rotationId(),
                PREVIOUS_VERSION, String.valueOf(entry.previousVersion())));
    }

    /**
     * Writes the staged credential to the secret's own path, only over the version it replaces.
     * Returns the new version: Vault's answer carries it, but the typed client does not map it.
     */
    public int promote(ManagedSecret secret, StagingEntry entry) {
        write(secret.mount(), secret.path(), entry.previousVersion(), Map.of(
                USERNAME, entry.credential().username(),
                PASSWORD, entry.credential().password(),
                ROTATION_ID, entry.rotationId()));
        return entry.previousVersion() + 1;
    }

    public void dropStaging(ManagedSecret secret) {
        // Deleting the metadata removes every version, so the next rotation can create it with cas=0 again.
        join(kv(secret.mount()).deleteSecretMetadata(stagingPath(secret)), secret.mount(), stagingPath(secret));
    }

    public void recordFinished(ManagedSecret secret, FinishedRotation finished) {
        VaultSecretsKV2 kv = kv(secret.mount());
        Map<String, Object> custom = new HashMap<>();
        var metadata = join(kv.readSecretMetadata(secret.path()), secret.mount(), secret.path());
        if (metadata.getCustomMetadata() != null) {
            custom.putAll(metadata.getCustomMetadata());
        }
        custom.put(LAST_ROTATION, finished.rotationId());
        custom.put(LAST_OUTCOME, finished.outcome().name());
        join(kv.updateSecretMetadata(secret.path(), null, null, null, custom), secret.mount(), secret.path());
    }

    public Optional<FinishedRotation> lastFinished(ManagedSecret secret) {
        try {
            var custom = join(kv(secret.mount()).readSecretMetadata(secret.path()), secret.mount(), secret.path()).getCustomMetadata();
            if (custom == null || custom.get(LAST_ROTATION) == null) {
                return Optional.empty();
            }
            return Optional.of(new FinishedRotation(String.valueOf(custom.get(LAST_ROTATION)),
                    FinishedRotation.Outcome.valueOf(String.valueOf(custom.get(LAST_OUTCOME)))));
        } catch (VaultClientException e) {
            if (e.getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private Optional<VaultSecretsKV2ReadSecretData> read(String mount, String path) {
        try {
            return Optional.of(join(kv(mount).readSecret(path), mount, path));
        } catch (VaultClientException e) {
            if (e.getStatus() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private void write(String mount, String path, int cas, Map<String, Object> data) {
        try {
            join(kv(mount).updateSecret(path, new VaultSecretsKV2UpdateSecretOptions().setCas(cas), data), mount, path);
        } catch (VaultClientException e) {
            if (e.getStatus() == 400 && String.valueOf(e.getErrors()).contains("check-and-set")) {
                throw new StoreConflict(mount + "/" + path + " is not at version " + cas + " any more");
            }
            throw e;
        }
    }

    private VaultSecretsKV2 kv(String mount) {
        return vault.secrets().kv2(mount);
    }

    private static Credential credential(VaultSecretsKV2ReadSecretData data, String mount, String path) {
        String username = string(data, USERNAME);
        String password = string(data, PASSWORD);
        if (username == null || password == null) {
            throw new StoreUnavailable("store entry " + mount + "/" + path + " has no '" + USERNAME + "' and '" + PASSWORD
                    + "' keys: write both to it");
        }
        return new Credential(username, password);
    }

    private static String string(VaultSecretsKV2ReadSecretData data, String key) {
        Object value = data.getData() == null ? null : data.getData().get(key);
        return value == null ? null : String.valueOf(value);
    }

    private static <T> T join(CompletionStage<T> stage, String mount, String path) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof VaultClientException vault) {
                throw vault;
            }
            throw new StoreUnavailable("the store did not answer for " + mount + "/" + path + ": " + e.getCause().getMessage(), e.getCause());
        }
    }
}
