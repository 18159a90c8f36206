package dev.rotor.rotator.fault;

import dev.rotor.schema.RotationFailureReason;

/** The target could not be reached, is starting or shutting down, or is out of resources: a retry may succeed. */
public class TargetUnreachable extends TransientFailure {

    public TargetUnreachable(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public RotationFailureReason reason() {
        return RotationFailureReason.TARGET_UNREACHABLE;
    }
}
