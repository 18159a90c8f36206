package dev.rotor.scheduler.rest;

import java.util.ArrayList;
import java.util.List;

import dev.rotor.scheduler.domain.FieldViolation;
import dev.rotor.scheduler.service.InvalidRequestException;

/** The checks every request body shares: required text fields, all reported at once. */
final class Requests {

    private final List<FieldViolation> violations = new ArrayList<>();

    Requests require(String field, String value, String what) {
        if (value == null || value.isBlank()) {
            violations.add(new FieldViolation(field, "required: " + what));
        }
        return this;
    }

    Requests add(FieldViolation violation) {
        violations.add(violation);
        return this;
    }

    void orReject(String summary) {
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(summary, violations);
        }
    }
}
