package dev.rotor.verifier.service;

import java.util.Optional;

import dev.rotor.verifier.domain.Registration;

/** The registered secrets: what a SecretUpdated is checked against before anything it names is touched. */
public interface Registrations {

    /**
     * The secret's registration as of now (every registration written before the call is seen), or empty when the
     * secret is not registered.
     *
     * @throws RegistryUnavailable when the registrations could not be read for the whole retry budget
     */
    Optional<Registration> of(String secretId);
}
