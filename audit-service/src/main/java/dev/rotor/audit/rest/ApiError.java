package dev.rotor.audit.rest;

/** The body of every error answer: what went wrong and what to do about it. */
public record ApiError(String message) {
}
