package dev.rotor.target;

/** What a target said to one login. {@code detail} is for an operator and never holds a value. */
public record LoginResult(Status status, String detail) {

    public enum Status {
        ACCEPTED(false),
        /** The target refused the credential. Transient too: some targets take a while to learn a new password. */
        AUTH_FAILED(true),
        /** The credential was accepted but the principal may not do what the check asks (e.g. CONNECT). */
        PERMISSION(false),
        UNREACHABLE(true),
        TIMEOUT(true),
        /** The target answered something else, e.g. the session belongs to another account than the target's. */
        OTHER(false);

        private final boolean transientFailure;

        Status(boolean transientFailure) {
            this.transientFailure = transientFailure;
        }

        /** Whether another attempt could succeed without anyone changing anything. */
        public boolean isTransient() {
            return transientFailure;
        }
    }

    public static LoginResult accepted() {
        return new LoginResult(Status.ACCEPTED, "accepted");
    }

    public static LoginResult failed(Status status, String detail) {
        return new LoginResult(status, detail);
    }

    /** Logged in, and the session is the account's. */
    public boolean isAccepted() {
        return status == Status.ACCEPTED;
    }

    /** The target took the password, whatever the principal may then do: what a pre-check needs to know. */
    public boolean credentialAccepted() {
        return status == Status.ACCEPTED || status == Status.PERMISSION;
    }

    /** The target did not answer: nothing is known about the credential. */
    public boolean noAnswer() {
        return status == Status.UNREACHABLE || status == Status.TIMEOUT;
    }
}
