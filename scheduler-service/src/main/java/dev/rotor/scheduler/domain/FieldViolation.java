package dev.rotor.scheduler.domain;

/** One thing wrong with a request: the field (dotted, e.g. {@code target.port}) and what to do about it. */
public record FieldViolation(String field, String message) {
}
