package dev.rotor.rotator.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2UpdateSecretOptions;

/**
 * Vault KV v2 as the rotator uses it, with Vault's answers sorted once for every caller: 404 is an
 * absent entry, a lost check-and-set is a {@link StoreConflict}, 5xx (503 sealed or standby), 429 (rate limited),
 * 412 (a performance standby not caught up yet), 408 and an unanswered call are a {@link StoreUnavailable} that a
 * retry may pass (the verifier's staging reads sort them alike), and any other refusal
 * is a {@link StoreRefused} that an operator has to fix.
 */
@ApplicationScoped
public class Kv {

    /** An entry's data at its current version. */
    public record Versioned(int version, Map<String, Object> data) {

        public String string(String key) {
            Object value = data == null ? null : data.get(key);
            return value == null ? null : String.valueOf(value);
        }
    }

    private final VaultClient vault;

    public Kv(VaultClient vault) {
        this.vault = vault;
    }

    public Optional<Versioned> read(String mount, String path) {
        try {
            var read = call(kv(mount).readSecret(path), "read", mount, path);
            return Optional.of(new Versioned(read.getMetadata().getVersion(), read.getData()));
        } catch (Absent e) {
            return Optional.empty();
        }
    }

    /** An earlier version of an entry; empty when it does not exist, was deleted or destroyed. */
    public Optional<Versioned> read(String mount, String path, int version) {
        try {
            var read = call(kv(mount).readSecret(path, version), "read of version " + version, mount, path);
            return Optional.of(new Versioned(read.getMetadata().getVersion(), read.getData()));
        } catch (Absent e) {
            return Optional.empty();
        }
    }

    /** Writes over version {@code cas} (0: only if absent) and returns the new version. */
    public int write(String mount, String path, int cas, Map<String, Object> data) {
        call(kv(mount).updateSecret(path, new VaultSecretsKV2UpdateSecretOptions().setCas(cas), data), "write", mount, path);
        // Vault's answer carries the new version, but the typed client does not map it; a check-and-set write is cas+1.
        return cas + 1;
    }

    /** Removes every version and the metadata, so that the next write with cas=0 creates the entry anew. */
    public void deleteAll(String mount, String path) {
        try {
            call(kv(mount).deleteSecretMetadata(path), "delete", mount, path);
        } catch (Absent e) {
            // Already gone: the delete of a step that is repeated after a crash.
        }
    }

    public Optional<Map<String, Object>> customMetadata(String mount, String path) {
        try {
            Map<String, Object> custom = call(kv(mount).readSecretMetadata(path), "read metadata", mount, path).getCustomMetadata();
            return Optional.of(custom == null ? Map.of() : custom);
        } catch (Absent e) {
            return Optional.empty();
        }
    }

    public void writeCustomMetadata(String mount, String path, Map<String, Object> custom) {
        call(kv(mount).updateSecretMetadata(path, null, null, null, custom), "write metadata", mount, path);
    }

    /** Every entry below {@code prefix}, as paths relative to the mount. */
    public List<String> listBelow(String mount, String prefix) {
        List<String> entries = new ArrayList<>();
        List<String> keys;
        try {
            keys = call(kv(mount).listSecrets(prefix), "list", mount, prefix);
        } catch (Absent e) {
            return entries;
        }
        for (String key : keys) {
            String path = prefix + "/" + (key.endsWith("/") ? key.substring(0, key.length() - 1) : key);
            if (key.endsWith("/")) {
                entries.addAll(listBelow(mount, path));
            } else {
                entries.add(path);
            }
        }
        return entries;
    }

    private VaultSecretsKV2 kv(String mount) {
        return vault.secrets().kv2(mount);
    }

    private static <T> T call(CompletionStage<T> stage, String operation, String mount, String path) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw classify(e.getCause(), operation, mount + "/" + path);
        }
    }

    private static RuntimeException classify(Throwable cause, String operation, String where) {
        if (!(cause instanceof VaultClientException vault)) {
            return new StoreUnavailable("the store did not answer the " + operation + " of " + where + ": " + cause, cause);
        }
        int status = vault.getStatus() == null ? 0 : vault.getStatus();
        if (status == 404) {
            return new Absent();
        }
        if (status == 400 && String.valueOf(vault.getErrors()).contains("check-and-set")) {
            return new StoreConflict(where + " was written by someone else since it was read (check-and-set lost)");
        }
        if (status >= 500 || status == 429 || status == 412 || status == 408 || status == 0) {
            return new StoreUnavailable("the store cannot serve the " + operation + " of " + where + " now (HTTP " + status + " "
                    + vault.getErrors() + ")", vault);
        }
        return new StoreRefused("the store refused the " + operation + " of " + where + " (HTTP " + status + " " + vault.getErrors()
                + "): check that the rotator's Vault token may do this on that path");
    }

    /** 404, which each operation turns into its own notion of absence. */
    private static final class Absent extends RuntimeException {

        Absent() {
            super(null, null, false, false);
        }
    }
}
