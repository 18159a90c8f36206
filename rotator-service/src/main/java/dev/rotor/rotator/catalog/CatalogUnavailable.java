package dev.rotor.rotator.catalog;

import dev.rotor.rotator.fault.TransientFailure;
import dev.rotor.schema.RotationFailureReason;

/** The broker or the schema registry could not be read for a compacted topic the rotator looks things up on: a retry may succeed. */
public class CatalogUnavailable extends TransientFailure {

    CatalogUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public RotationFailureReason reason() {
        return RotationFailureReason.OTHER;
    }
}
