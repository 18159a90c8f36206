package dev.rotor.verifier.service;

import dev.rotor.verifier.domain.StagingRef;

/** A staging entry without a usable credential: the rotator staged something the verifier cannot log in with. Permanent. */
public class StagingEntryInvalid extends RuntimeException {

    public StagingEntryInvalid(StagingRef staging, String missingField) {
        super("staging entry " + staging + " has no '" + missingField + "' (a non-empty string); the rotator must stage"
                + " 'username' and 'password'");
    }
}
