package dev.rotor.scheduler.domain;

/**
 * The system a credential opens and the role whose credential rotates. {@code adminPath} is a path
 * in the secret's own mount holding the credential allowed to change the role's; null where the role
 * changes its own. {@code database} is null where the target has none.
 */
public record TargetSystem(String type, String host, int port, String database, String role, String adminPath) {
}
