package dev.rotor.rotator.domain;

/** The last rotation of a secret that ended, as recorded in the store's metadata of the secret. */
public record FinishedRotation(String rotationId, Outcome outcome) {

    public enum Outcome {
        COMPLETED,
        ROLLED_BACK,
        ROLLBACK_FAILED,
        /** Ended with nothing changed on the target (RotationFailed) after a staging entry had been written. */
        FAILED
    }
}
