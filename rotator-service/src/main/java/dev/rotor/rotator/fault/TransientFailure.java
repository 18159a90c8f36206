package dev.rotor.rotator.fault;

import dev.rotor.schema.RotationFailureReason;

/**
 * A failure that can pass — a store, broker, registry or target that is down, slow or busy — so the
 * step that met it is retried in place (RotationSteps) rather than dead-lettered. The message names
 * the secret, the step and the system, never a value.
 */
public abstract class TransientFailure extends RuntimeException {

    private boolean beforeAnyChange;

    protected TransientFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** How a rotation that keeps meeting this failure past its retry budget ends. */
    public abstract RotationFailureReason reason();

    /**
     * Marks a failure met before the rotation wrote anything (pre-check): a rotation that gives up on it can end
     * {@code RotationFailed} without looking at the store, which may be the very thing that is down.
     */
    public TransientFailure beforeAnyChange() {
        this.beforeAnyChange = true;
        return this;
    }

    public boolean isBeforeAnyChange() {
        return beforeAnyChange;
    }
}
