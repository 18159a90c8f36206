package dev.rotor.verifier.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.schema.SecretUpdated;
import dev.rotor.verifier.Channels;
import dev.rotor.verifier.mapping.EventMapping;
import dev.rotor.verifier.service.StagingStoreUnavailable;
import dev.rotor.verifier.service.VerificationService;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** secret.updated: a new credential is on its target and staged in the store; verify it. */
@ApplicationScoped
class SecretUpdatedListener {

    private final VerificationService verification;

    SecretUpdatedListener(VerificationService verification) {
        this.verification = verification;
    }

    // Vault and JDBC block: a worker thread, in order per partition. A Vault outage is retried here
    // (about a minute in all) before the record goes to secret.updated.dlq with the reason in its headers.
    @Incoming(Channels.SECRET_UPDATED)
    // Verifications are independent of each other: in parallel, bounded by the pool's max-concurrency.
    @Blocking(value = "verifications", ordered = false)
    @Retry(maxRetries = 6, delay = 1000, retryOn = StagingStoreUnavailable.class)
    @ExponentialBackoff(factor = 2, maxDelay = 30_000)
    void onSecretUpdated(SecretUpdated event) {
        verification.handle(EventMapping.toRequest(event));
    }
}
