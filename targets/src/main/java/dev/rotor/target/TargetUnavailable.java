package dev.rotor.target;

/**
 * The target did not answer, is starting or shutting down, or is out of resources: a retry may pass.
 * A change that ended so may or may not have been made.
 */
public class TargetUnavailable extends RuntimeException {

    public TargetUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
