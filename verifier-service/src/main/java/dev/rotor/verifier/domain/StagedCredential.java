package dev.rotor.verifier.domain;

/** The credential under test, as the rotator staged it. */
public record StagedCredential(String username, String password) {

    /** Records print their components; this one must never print the password (I1). */
    @Override
    public String toString() {
        return "StagedCredential[username=" + username + ", password=<redacted>]";
    }
}
