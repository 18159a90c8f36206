package dev.rotor.audit.domain;

/** Where one rotation stands: still running, or the terminal it reached. */
public enum RotationState {
    IN_FLIGHT,
    COMPLETED,
    ROLLED_BACK,
    ROLLBACK_FAILED,
    FAILED,
    UNKNOWN;

    public boolean isTerminal() {
        return this != IN_FLIGHT && this != UNKNOWN;
    }
}
