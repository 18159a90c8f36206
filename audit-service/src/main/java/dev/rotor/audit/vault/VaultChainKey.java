package dev.rotor.audit.vault;

import java.time.temporal.ChronoUnit;
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
import io.smallrye.faulttolerance.api.TypedGuard;

/**
 * The chain key's home: a Vault KV v2 entry that the first instance to start creates with cas=0, so
 * that instances starting at once agree on one key (the loser of the check-and-set reads the winner's).
 * It is read once at start-up (the topology and the verifier need it before anything runs) and kept
 * in memory only; no log line, exception or metric carries it. A Vault that does not answer yet is
 * waited for, with backoff, for {@code rotor.audit.chain-key.startup-wait}: the stack may start the
 * audit before Vault is up.
 */
@ApplicationScoped
class VaultChainKey {

    private static final Logger LOG = Logger.getLogger(VaultChainKey.class);
    private static final String FIELD = "key";
    private static final long FIRST_DELAY_MS = 500;
    private static final long MAX_DELAY_MS = 10_000;
    private static final long JITTER_MS = 250;

    @Produces
    @Singleton
    ChainKey chainKey(VaultClient vault, AuditConfig config) {
        String mount = config.chainKey().mount();
        String path = config.chainKey().path();
        long budgetMs = config.chainKey().startupWait().toMillis();
        TypedGuard<ChainKey> guard = TypedGuard.create(ChainKey.class)
                .withDescription("vault-chain-key")
                .withRetry()
                .maxRetries(-1)
                .maxDuration(budgetMs, ChronoUnit.MILLIS)
                .delay(FIRST_DELAY_MS, ChronoUnit.MILLIS)
                .jitter(JITTER_MS, ChronoUnit.MILLIS)
                .retryOn(VaultUnavailable.class)
                .beforeRetry(failure -> LOG.info(failure.getMessage() + "; retrying"))
                .withExponentialBackoff()
                .factor(2)
                // Fault Tolerance refuses a pause as long as the whole budget; half of it leaves room for a retry.
                .maxDelay(Math.min(MAX_DELAY_MS, budgetMs / 2), ChronoUnit.MILLIS)
                .done()
                .done()
                .build();
        try {
            return guard.get(() -> readOrCreate(vault.secrets().kv2(mount), mount, path));
        } catch (VaultUnavailable e) {
            throw new IllegalStateException(e.getMessage() + ", for " + config.chainKey().startupWait() + ". The audit service does not"
                    + " start without its chain key: start Vault (./rotor up) or fix ROTOR_VAULT_ADDR.");
        }
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

    /**
     * Errors keep Vault's status and error strings, and neither the client's exception nor its message:
     * those may quote a response body, and the body of a read is the key.
     */
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
                // 5xx (503: sealed or standby), 429 (rate limited), 412 (a standby not caught up yet), 408: may pass.
                if (status >= 500 || status == 429 || status == 412 || status == 408 || status == 0) {
                    throw new VaultUnavailable("Vault cannot serve the " + operation + " of the audit chain key at " + mount + "/" + path
                            + " now (HTTP " + status + " " + vault.getErrors() + ")");
                }
                throw new IllegalStateException("Vault refused the " + operation + " of the audit chain key at " + mount + "/" + path
                        + " (HTTP " + status + " " + vault.getErrors() + "): the audit service does not start without it. Check ROTOR_VAULT_ADDR,"
                        + " ROTOR_VAULT_TOKEN and that the token's policy allows create and read there (deploy/vault/policies/audit.hcl).");
            }
            throw new VaultUnavailable("Vault did not answer the " + operation + " of the audit chain key at " + mount + "/" + path
                    + " (" + e.getCause().getClass().getSimpleName() + ")");
        }
    }

    /** A Vault call that may pass if tried again. */
    private static final class VaultUnavailable extends RuntimeException {

        VaultUnavailable(String message) {
            super(message, null, false, false);
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
