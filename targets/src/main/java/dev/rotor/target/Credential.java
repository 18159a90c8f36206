package dev.rotor.target;

/** A username and its password. Its string form never shows the password (I1). */
public record Credential(String username, String password) {

    @Override
    public String toString() {
        return "Credential[username=" + username + ", password=<redacted>]";
    }
}
