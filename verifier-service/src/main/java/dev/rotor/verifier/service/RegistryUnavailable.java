package dev.rotor.verifier.service;

/**
 * secret.registry could not be read for the whole retry budget. Like a Vault outage, the verification then ends as
 * VerificationFailed(OTHER), never as a dead letter: a verdict ends the rotation (in a rollback), and nothing the
 * unchecked event names was read or logged in to.
 */
public class RegistryUnavailable extends RuntimeException {

    private final long elapsedMs;

    public RegistryUnavailable(String secretId, long elapsedMs, int attempts, Throwable lastFailure) {
        super("the registration of secret " + secretId + " could not be read from secret.registry for " + elapsedMs / 1000
                + " s (" + attempts + " attempts, rotor.verifier.registry-retry-budget; last: " + lastFailure.getMessage()
                + "); the staged credential was not read and the rotation will be rolled back. Check that the broker and"
                + " the schema registry are up and that rotor-verifier may read secret.registry (deploy/kafka/bus.tsv)",
                lastFailure);
        this.elapsedMs = elapsedMs;
    }

    public long elapsedMs() {
        return elapsedMs;
    }
}
