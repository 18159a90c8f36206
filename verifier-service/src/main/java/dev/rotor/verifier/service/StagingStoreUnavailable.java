package dev.rotor.verifier.service;

import dev.rotor.verifier.domain.StagingRef;

/**
 * The store did not answer reads of a staging entry for the whole retry budget. The verification
 * then ends as VerificationFailed(OTHER), never as a dead letter: a verdict ends the rotation.
 */
public class StagingStoreUnavailable extends RuntimeException {

    private final long elapsedMs;

    public StagingStoreUnavailable(StagingRef staging, long elapsedMs, int attempts, Throwable lastFailure) {
        super("Vault did not answer reads of staging entry " + staging + " for " + elapsedMs / 1000 + " s (" + attempts
                + " attempts, rotor.verifier.store-retry-budget; last: " + lastFailure.getMessage() + "); the rotation"
                + " will be rolled back. Check that Vault is reachable and unsealed", lastFailure);
        this.elapsedMs = elapsedMs;
    }

    public long elapsedMs() {
        return elapsedMs;
    }
}
