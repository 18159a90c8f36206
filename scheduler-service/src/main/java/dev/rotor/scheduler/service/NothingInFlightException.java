package dev.rotor.scheduler.service;

/** A rollback was asked for a secret with no rotation in flight. */
public class NothingInFlightException extends RuntimeException {

    public NothingInFlightException(String secretId) {
        super("No rotation of '" + secretId + "' is in flight, so there is nothing to roll back: the last rotation"
                + " already ended (see the audit's GET /api/secrets/" + secretId + "). To make an earlier store version current again,"
                + " post the same body with \"toVersion\": N (./rotor rollback " + secretId + " --to-version N)");
    }
}
