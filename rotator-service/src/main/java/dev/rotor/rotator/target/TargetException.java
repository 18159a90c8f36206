package dev.rotor.rotator.target;

/** A target refused or failed a change; the message names the target and step, never a value. */
public class TargetException extends RuntimeException {

    public TargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
