package dev.rotor.target;

/** One thing wrong with a registration's target: the field, and what to do. Never repeats a submitted value. */
public record Violation(String field, String message) {
}
