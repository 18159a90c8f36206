package dev.rotor.verifier.service;

import dev.rotor.verifier.domain.VerificationRequest;

/**
 * A SecretUpdated that its secret's registration does not back: nothing it names was read or logged in to, no
 * verdict is published, and the record goes to secret.updated.dlq with this message as its dead-letter-reason.
 */
public class SecretUpdatedRefused extends RuntimeException {

    SecretUpdatedRefused(VerificationRequest request, RegistrationCheck.Refusal refusal) {
        super("refused SecretUpdated " + request.eventId() + " of rotation " + request.rotationId() + " (" + refusal.reason() + "): "
                + refusal.detail()
                + ". Nothing was read from Vault and no login was tried. If the rotator sent it, check that"
                + " rotor.verifier.staging-prefix equals rotor.rotator.staging-prefix and whether the secret was registered"
                + " again during the rotation; otherwise find out who else can write secret.updated", null, false, false);
    }
}
