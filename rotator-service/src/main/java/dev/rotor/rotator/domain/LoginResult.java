package dev.rotor.rotator.domain;

/** What a target said to a login attempt. */
public record LoginResult(Status status, String detail) {

    public enum Status {
        /** The password was accepted (even if the role may then not do anything). */
        ACCEPTED,
        REJECTED,
        UNREACHABLE
    }

    public static LoginResult accepted() {
        return new LoginResult(Status.ACCEPTED, "accepted");
    }

    public boolean isAccepted() {
        return status == Status.ACCEPTED;
    }
}
