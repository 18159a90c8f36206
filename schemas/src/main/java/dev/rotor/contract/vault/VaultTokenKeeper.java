package dev.rotor.contract.vault;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.api.auth.token.VaultAuthTokenTokenInfoData;

/**
 * Keeps a service's own Vault token alive and says how long it has left. quarkus-vault renews the tokens it logs in
 * for, but treats a configured client token as one that never expires: each service's token (ServiceTokens, a
 * Kubernetes or AppRole login in production) would simply stop working at the end of its TTL — seed 001's
 * "permission denied from Vault, multiple services affected".
 *
 * <p>Every minute it looks the token up and, once less than half of its TTL is left, renews it by its creation TTL.
 * It reports seed 001's two metrics: {@code vault_token_expiry_seconds} (until the token expires; +Inf for one that
 * never does, such as the root token of a test) and {@code vault_token_renewals_total{outcome}}: {@code renewed};
 * {@code capped}, when Vault could not extend it by the full TTL because it reaches its max TTL; {@code failed}, when
 * Vault refused or did not answer (tried again a minute later). Past a cap the expiry falls until
 * {@code VaultTokenExpiringSoon} fires (deploy/prometheus/rotor-vault-rules.yml): issue the service a new token.
 * Nothing here logs or measures the token itself.
 */
@ApplicationScoped
public class VaultTokenKeeper {

    private static final System.Logger LOG = System.getLogger(VaultTokenKeeper.class.getName());
    static final Duration CHECK_EVERY = Duration.ofMinutes(1);
    private static final Duration VAULT_TIMEOUT = Duration.ofSeconds(10);

    private final VaultClient vault;
    private final MeterRegistry metrics;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "vault-token-keeper");
        thread.setDaemon(true);
        return thread;
    });
    private volatile double expirySeconds = Double.NaN;

    public VaultTokenKeeper(VaultClient vault, MeterRegistry metrics) {
        this.vault = vault;
        this.metrics = metrics;
        Gauge.builder("vault.token.expiry", this, keeper -> keeper.expirySeconds)
                .baseUnit("seconds")
                .description("Seconds until this service's Vault token expires (+Inf: never); renewed once half its TTL is left")
                .register(metrics);
    }

    void start(@Observes StartupEvent started) {
        timer.scheduleWithFixedDelay(this::checkLogged, 0, CHECK_EVERY.toSeconds(), TimeUnit.SECONDS);
    }

    /** One look at the token, renewing it when due; what its remaining TTL is afterwards. */
    public Duration check() {
        VaultAuthTokenTokenInfoData token = call(vault.auth().token().lookupSelf());
        Duration ttl = token.getTtl();
        if (ttl.isZero() && token.getExpireTime() == null) {
            expirySeconds = Double.POSITIVE_INFINITY;
            return ttl;
        }
        Duration full = token.getCreationTtl();
        if (Boolean.TRUE.equals(token.isRenewable()) && ttl.compareTo(full.dividedBy(2)) < 0) {
            Duration renewed = call(vault.auth().token().renewSelf(full)).getLeaseDuration();
            boolean capped = renewed.compareTo(full.dividedBy(2)) < 0;
            count(capped ? "capped" : "renewed");
            if (capped) {
                LOG.log(System.Logger.Level.ERROR, "This service''s Vault token reaches its max TTL in {0} s and cannot be renewed"
                        + " further: give the service a new token (./rotor up issues fresh ones) before it expires",
                        renewed.toSeconds());
            }
            ttl = renewed;
        }
        expirySeconds = ttl.toSeconds();
        return ttl;
    }

    private void checkLogged() {
        try {
            check();
        } catch (RuntimeException e) {
            count("failed");
            // Vault's errors name the path and the problem, never the token.
            LOG.log(System.Logger.Level.WARNING, "Could not look up or renew this service''s Vault token ({0}); trying again in {1} s",
                    e.getMessage(), CHECK_EVERY.toSeconds());
        }
    }

    private void count(String outcome) {
        Counter.builder("vault.token.renewals")
                .description("Renewals of this service's Vault token: renewed, capped (at its max TTL) or failed")
                .tag("outcome", outcome)
                .register(metrics)
                .increment();
    }

    private static <T> T call(java.util.concurrent.CompletionStage<T> request) {
        try {
            return request.toCompletableFuture().get(VAULT_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Vault did not answer within " + VAULT_TIMEOUT.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
