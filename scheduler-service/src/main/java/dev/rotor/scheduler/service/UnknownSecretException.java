package dev.rotor.scheduler.service;

/** No registration for the secret id. */
public class UnknownSecretException extends RuntimeException {

    public UnknownSecretException(String secretId) {
        super("No managed secret '" + secretId + "': register it first with POST /api/secrets"
                + " (see GET /api/secrets for the registered ids)");
    }
}
