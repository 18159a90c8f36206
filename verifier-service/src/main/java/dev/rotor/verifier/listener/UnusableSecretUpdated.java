package dev.rotor.verifier.listener;

/** A secret.updated record that no retry and no verdict can help: it goes to secret.updated.dlq. */
class UnusableSecretUpdated extends RuntimeException {

    UnusableSecretUpdated(String reason) {
        super(reason);
    }
}
