package dev.rotor.verifier.store;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.util.TypeLiteral;

import org.jboss.logging.Logger;

import dev.rotor.target.Credential;
import dev.rotor.verifier.config.VerifierConfig;
import dev.rotor.verifier.domain.StagingRef;
import dev.rotor.verifier.service.OutageRetry;
import dev.rotor.verifier.service.StagingEntryInvalid;
import dev.rotor.verifier.service.StagingReadRefused;
import dev.rotor.verifier.service.StagingStore;
import dev.rotor.verifier.service.StagingStoreUnavailable;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;
import io.smallrye.faulttolerance.api.TypedGuard;

/**
 * Staging entries in Vault KV v2. The entry also holds the rotator's bookkeeping (rotationId,
 * previousVersion); the verifier needs only the credential. This is Vault's edge, so it carries
 * Vault's resilience: a read that may pass is retried ({@link OutageRetry}) for
 * {@code rotor.verifier.store-retry-budget}.
 */
@ApplicationScoped
class VaultStagingStore implements StagingStore {

    private static final Logger LOG = Logger.getLogger(VaultStagingStore.class);

    private final VaultClient vault;
    private final TypedGuard<Optional<Credential>> guard;

    VaultStagingStore(VaultClient vault, VerifierConfig config) {
        this.vault = vault;
        this.guard = OutageRetry.guard(new TypeLiteral<Optional<Credential>>() {
        }, "vault-staging-read", config.storeRetryBudget(), VaultDidNotAnswer.class, LOG);
    }

    // Called on a worker thread (the listener is @Blocking): the pauses between tries block it, and
    // joining the client's future is fine there.
    @Override
    public Optional<Credential> read(StagingRef staging) {
        long start = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        try {
            return guard.get(() -> readOnce(staging, attempts.incrementAndGet()));
        } catch (VaultDidNotAnswer e) {
            throw new StagingStoreUnavailable(staging, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start),
                    attempts.get(), e.getCause());
        }
    }

    private Optional<Credential> readOnce(StagingRef staging, int attempt) {
        Map<String, Object> data;
        try {
            data = vault.secrets().kv2(staging.mount()).readSecret(staging.path()).toCompletableFuture().join().getData();
        } catch (CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof VaultClientException client && client.getStatus() != null && !mayPass(client.getStatus())) {
                // KV v2 answers 404 for a path that never existed and for a deleted or destroyed version alike.
                if (client.getStatus() == 404) {
                    return Optional.empty();
                }
                throw new StagingReadRefused(staging, client.getStatus(), client.getErrors());
            }
            throw new VaultDidNotAnswer(staging, attempt, cause);
        }
        return Optional.of(new Credential(field(staging, data, "username"), field(staging, data, "password")));
    }

    /** 5xx (503 is a sealed Vault), 429 (rate limited), 412 (a standby not caught up yet), 408: try again. */
    private static boolean mayPass(int status) {
        return status >= 500 || status == 429 || status == 412 || status == 408;
    }

    private static String field(StagingRef staging, Map<String, Object> data, String name) {
        if (data != null && data.get(name) instanceof String value && !value.isEmpty()) {
            return value;
        }
        throw new StagingEntryInvalid(staging, name);
    }

    /** One read that Vault did not answer (no connection, a timeout, or a status that may pass). */
    static final class VaultDidNotAnswer extends RuntimeException {

        VaultDidNotAnswer(StagingRef staging, int attempt, Throwable cause) {
            super("Reading staging entry " + staging + " from Vault, attempt " + attempt + ": " + cause.getMessage(), cause,
                    false, false);
        }
    }
}
