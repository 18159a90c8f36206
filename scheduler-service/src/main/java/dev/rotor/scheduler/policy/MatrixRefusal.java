package dev.rotor.scheduler.policy;

/**
 * Something the rotation matrix forbids about a registered secret: {@code rule} is the matrix field that forbids it
 * ({@code classes.database.allowedHosts}), {@code field} the registration's field at fault ({@code target.host}).
 */
public record MatrixRefusal(String rule, String field, String message) {
}
