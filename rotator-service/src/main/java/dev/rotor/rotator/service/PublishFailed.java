package dev.rotor.rotator.service;

import dev.rotor.rotator.fault.TransientFailure;
import dev.rotor.schema.RotationFailureReason;

/** The broker did not acknowledge an event: the step that produced it is repeated, and repeats the same eventId. */
class PublishFailed extends TransientFailure {

    PublishFailed(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public RotationFailureReason reason() {
        return RotationFailureReason.OTHER;
    }
}
