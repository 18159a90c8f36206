package dev.rotor.verifier.domain;

/** The answer of one login attempt. */
public sealed interface LoginResult {

    static LoginResult accepted() {
        return new Accepted();
    }

    static LoginResult rejected(FailureCategory category, String detail) {
        return new Rejected(category, detail);
    }

    record Accepted() implements LoginResult {
    }

    /** @param detail what failed, for an operator; never a value */
    record Rejected(FailureCategory category, String detail) implements LoginResult {
    }
}
