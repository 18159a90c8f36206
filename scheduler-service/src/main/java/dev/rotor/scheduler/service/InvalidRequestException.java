package dev.rotor.scheduler.service;

import java.util.List;

import dev.rotor.scheduler.domain.FieldViolation;

/** A request with mistakes, each named by its field; nothing of it was kept or published. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    public InvalidRequestException(String summary, List<FieldViolation> violations) {
        super(summary + ": " + violations.stream().map(FieldViolation::field).toList());
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
