package dev.rotor.verifier.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.schema.SecretUpdated;
import dev.rotor.verifier.Channels;
import dev.rotor.verifier.mapping.EventMapping;
import dev.rotor.verifier.service.VerificationService;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** secret.updated: a new credential is on its target and staged in the store; verify it. */
@ApplicationScoped
class SecretUpdatedListener {

    private final VerificationService verification;

    SecretUpdatedListener(VerificationService verification) {
        this.verification = verification;
    }

    // Vault, the registry and JDBC block: a worker thread. Outages of the registry, Vault or the target are retried
    // at their edges and end in a verdict; only a record that names no rotation, or that its secret's registration
    // does not back (SecretUpdatedRefused), is nacked, i.e. dead-lettered.
    @Incoming(Channels.SECRET_UPDATED)
    // Verifications are independent of each other: in parallel, bounded by the pool's max-concurrency.
    @Blocking(value = "verifications", ordered = false)
    void onSecretUpdated(SecretUpdated event) {
        if (event == null) {
            throw new UnusableSecretUpdated("the record could not be decoded as SecretUpdated (see its"
                    + " deserialization-failure-* headers); no rotation can be named, so no verdict is published");
        }
        if (event.getRotationId().isBlank()) {
            throw new UnusableSecretUpdated("SecretUpdated " + event.getEventId() + " of secret " + event.getSecretId()
                    + " has an empty rotationId; no verdict can name its rotation. Find the rotation in the audit"
                    + " stream and end it by hand");
        }
        verification.handle(EventMapping.toRequest(event));
    }
}
