package dev.rotor.audit.vault;

import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.rotor.audit.chain.ChainKey;
import dev.rotor.audit.config.AuditConfig;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2UpdateSecretOptions;

/**
 * The chain key's home: a Vault KV v2 entry that the first instance to start creates with cas=0, so
 * that instances starting at once agree on one key (the loser of the check-and-set reads the winner's).
 * It is read once at start-up (the topology and the verifier need it before anything runs) and kept
 * in memory only; no log line, exception or metric carries it.
 */
@ApplicationScoped
class VaultChainKey {

    private static final Logger LOG = Logger.getLogger(VaultChainKey.class);
    private static final String FIELD = "key";

    @Produces
    @Singleton
    ChainKey chainKey(VaultClient vault, AuditConfig config) {
        String mount = config.chainKey().mount();
        String path = config.chainKey().path();
        return readOrCreate(vault.secrets().kv2(mount), mount, path);
    }

    static ChainKey readOrCreate(VaultSecretsKV2 kv, String mount, String path) {
        return read(kv, mount, path).orElseGet(() -> create(kv, mount, path));
    }

    static ChainKey create(VaultSecretsKV2 kv, String mount, String path) {
        byte[] fresh = ChainKey.randomBytes();
        try {
            call(kv.updateSecret(path, new VaultSecretsKV2UpdateSecretOptions().setCas(0),
                    Map.<String, Object>of(FIELD, Base64.getEncoder().encodeToString(fresh))), "create", mount, path);
            LOG.infof("Created the audit chain key at %s/%s in Vault", mount, path);
            return ChainKey.of(fresh);
        } catch (LostCheckAndSet e) {
            LOG.infof("Another audit instance created the chain key at %s/%s first; using it", mount, path);
            return read(kv, mount, path).orElseThrow(() -> new IllegalStateException("The audit chain key at " + mount + "/" + path
                    + " was created by another instance and is gone again: was it deleted? Restart the audit service."));
        }
    }

    private static Optional<ChainKey> read(VaultSecretsKV2 kv, String mount, String path) {
        Map<String, Object> data;
        try {
            data = call(kv.readSecret(path), "read", mount, path).getData();
        } catch (Absent e) {
            return Optional.empty();
        }
        Object encoded = data == null ? null : data.get(FIELD);
        try {
            return Optional.of(ChainKey.of(Base64.getDecoder().decode(String.valueOf(encoded))));
        } catch (IllegalArgumentException e) {
            // Not the decoder's message: it could quote the entry's content.
            throw new IllegalStateException("The audit chain key at " + mount + "/" + path + " is not " + ChainKey.BYTES
                    + " bytes in base64 under '" + FIELD + "': restore it from a backup of Vault, or delete the entry so that the audit"
                    + " creates a new key (records chained with the old key then no longer verify)");
        }
    }

    private static <T> T call(CompletionStage<T> stage, String operation, String mount, String path) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof VaultClientException vault) {
                int status = vault.getStatus() == null ? 0 : vault.getStatus();
                if (status == 404 && operation.equals("read")) {
                    throw new Absent();
                }
                if (status == 400 && String.valueOf(vault.getErrors()).contains("check-and-set")) {
                    throw new LostCheckAndSet();
                }
                throw new IllegalStateException("Vault refused the " + operation + " of the audit chain key at " + mount + "/" + path
                        + " (HTTP " + status + " " + vault.getErrors() + "): the audit service does not start without it. Check ROTOR_VAULT_ADDR,"
                        + " ROTOR_VAULT_TOKEN and that the token's policy allows create and read there (deploy/vault/policies/audit.hcl).", vault);
            }
            throw new IllegalStateException("Vault did not answer the " + operation + " of the audit chain key at " + mount + "/" + path
                    + ": " + e.getCause() + ". The audit service does not start without it: start Vault (./rotor up) or fix ROTOR_VAULT_ADDR.",
                    e.getCause());
        }
    }

    private static final class Absent extends RuntimeException {

        Absent() {
            super(null, null, false, false);
        }
    }

    private static final class LostCheckAndSet extends RuntimeException {

        LostCheckAndSet() {
            super(null, null, false, false);
        }
    }
}
