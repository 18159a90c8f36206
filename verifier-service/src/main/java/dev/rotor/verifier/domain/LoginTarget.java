package dev.rotor.verifier.domain;

/**
 * Where a staged credential must log in.
 *
 * @param database null where the target kind has none, or to use the target's default
 */
public record LoginTarget(String type, String host, int port, String database, String role) {

    /** For log lines and failure details: the address and principal, never a credential. */
    public String describe() {
        return type + " " + host + ":" + port + (database == null ? "" : "/" + database) + " as role '" + role + "'";
    }
}
