package dev.rotor.rotator.domain;

/** What a credential opens: a target of some type, and the role whose password rotates. */
public record Target(String type, String host, int port, String database, String role, String adminPath) {

    /** How an operator recognises the target in a message: no credentials, just where it is. */
    public String describe() {
        return type + "://" + host + ":" + port + (database == null ? "" : "/" + database) + " role " + role;
    }
}
