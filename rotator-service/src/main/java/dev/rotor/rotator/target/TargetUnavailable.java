package dev.rotor.rotator.target;

import dev.rotor.rotator.fault.TransientFailure;
import dev.rotor.schema.RotationFailureReason;

/** The target could not be reached, is starting or shutting down, or is out of resources: a retry may succeed. */
public class TargetUnavailable extends TransientFailure {

    public TargetUnavailable(String message, Throwable cause) {
        super(message, cause);
    }

    @Override
    public RotationFailureReason reason() {
        return RotationFailureReason.TARGET_UNREACHABLE;
    }
}
