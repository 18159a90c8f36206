package dev.rotor.target;

/** The target answered a change with no: retrying cannot help. The message names target and step, never a value. */
public class TargetRefused extends RuntimeException {

    public TargetRefused(String message, Throwable cause) {
        super(message, cause);
    }
}
