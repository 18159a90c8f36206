package dev.rotor.verifier.service;

import java.util.Optional;

import dev.rotor.target.Credential;
import dev.rotor.verifier.domain.StagingRef;

/** Where the rotator stages new credentials. */
public interface StagingStore {

    /**
     * The staged credential, or empty when the entry is gone: its rotation was finished or rolled back.
     *
     * @throws StagingStoreUnavailable when the store did not answer for its whole retry budget
     * @throws StagingReadRefused when the store refuses the read; retrying cannot help
     * @throws StagingEntryInvalid when the entry holds no usable credential; retrying cannot help
     */
    Optional<Credential> read(StagingRef staging);
}
