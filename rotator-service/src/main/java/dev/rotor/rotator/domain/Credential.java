package dev.rotor.rotator.domain;

/** A username and its password. Its string form never shows the password. */
public record Credential(String username, String password) {

    @Override
    public String toString() {
        return "Credential[username=" + username + ", password=<redacted>]";
    }
}
