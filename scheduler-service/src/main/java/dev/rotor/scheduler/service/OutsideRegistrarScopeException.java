package dev.rotor.scheduler.service;

import java.util.List;

import dev.rotor.scheduler.domain.FieldViolation;

/**
 * A registration the caller's token may not make: the owner or class it names, or those of the registration it would
 * replace, lie outside the token's {@link RegistrarScope}. Each violation names the field and the value at fault;
 * nothing was published.
 */
public class OutsideRegistrarScopeException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    public OutsideRegistrarScopeException(String secretId, RegistrarScope scope, List<FieldViolation> violations) {
        super("Registration of " + secretId + " refused: outside your token's registrar scope (" + scope.describe()
                + "); nothing was registered. Register it with a token whose " + RegistrarScope.OWNERS_CLAIM + " and "
                + RegistrarScope.CLASSES_CLAIM + " claims cover it");
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
