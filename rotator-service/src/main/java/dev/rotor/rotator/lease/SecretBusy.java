package dev.rotor.rotator.lease;

import dev.rotor.rotator.fault.TransientFailure;
import dev.rotor.schema.RotationFailureReason;

/** Another rotator instance holds the secret's lease: this step waits its turn and is retried. */
public class SecretBusy extends TransientFailure {

    SecretBusy(String message) {
        super(message, null);
    }

    @Override
    public RotationFailureReason reason() {
        return RotationFailureReason.IN_PROGRESS;
    }
}
