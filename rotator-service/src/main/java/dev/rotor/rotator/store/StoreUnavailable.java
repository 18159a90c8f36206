package dev.rotor.rotator.store;

import dev.rotor.rotator.fault.TransientFailure;
import dev.rotor.schema.RotationFailureReason;

/** The store could not be reached, is sealed, or answered 5xx/429: a retry may succeed. */
public class StoreUnavailable extends TransientFailure {

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public RotationFailureReason reason() {
        return RotationFailureReason.STORE_UNAVAILABLE;
    }
}
