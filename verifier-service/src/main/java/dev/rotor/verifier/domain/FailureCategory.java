package dev.rotor.verifier.domain;

/** Why a staged credential did not log in. */
public enum FailureCategory {

    /** The target rejected the credential. Also transient: some targets take a while to learn a new password. */
    AUTH_FAILED(true),
    UNREACHABLE(true),
    TIMEOUT(true),
    /** The credential was accepted but the principal may not do what it must (e.g. CONNECT): retrying cannot help. */
    PERMISSION(false),
    OTHER(false);

    private final boolean transientFailure;

    FailureCategory(boolean transientFailure) {
        this.transientFailure = transientFailure;
    }

    /** Whether another attempt could succeed without anyone changing anything. */
    public boolean isTransient() {
        return transientFailure;
    }
}
