package dev.rotor.verifier.service;

import java.util.List;

import dev.rotor.verifier.domain.StagingRef;

/** Vault answered a read of a staging entry with an error that retrying cannot fix (403, 400, ...). */
public class StagingReadRefused extends RuntimeException {

    public StagingReadRefused(StagingRef staging, int status, List<String> errors) {
        super("Vault refused to read staging entry " + staging + " (" + status + " " + errors + "); check that the"
                + " verifier's token (ROTOR_VAULT_TOKEN) may read that path");
    }
}
