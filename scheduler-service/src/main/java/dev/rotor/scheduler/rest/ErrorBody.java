package dev.rotor.scheduler.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.rotor.scheduler.domain.FieldViolation;

/** Every error answer: what went wrong and what to do, and for a bad request, each field at fault. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record ErrorBody(String error, List<FieldViolation> violations) {

    ErrorBody(String error) {
        this(error, List.of());
    }
}
