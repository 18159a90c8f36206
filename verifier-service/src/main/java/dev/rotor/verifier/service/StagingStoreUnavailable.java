package dev.rotor.verifier.service;

import dev.rotor.verifier.domain.StagingRef;

/** The store did not answer a read of a staging entry. Transient: the message is retried, then dead-lettered. */
public class StagingStoreUnavailable extends RuntimeException {

    public StagingStoreUnavailable(StagingRef staging, Throwable cause) {
        super("Cannot read staging entry " + staging + " from Vault (" + cause.getMessage()
                + "); check that Vault is reachable and the verifier's token may read that path", cause);
    }
}
