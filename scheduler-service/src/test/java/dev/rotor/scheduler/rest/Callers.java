package dev.rotor.scheduler.rest;

import static io.restassured.RestAssured.given;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.rotor.contract.Roles;
import dev.rotor.stack.auth.TokenIssuer;
import dev.rotor.stack.testing.RotorStack;
import io.restassured.specification.RequestSpecification;

/**
 * Requests made by a person: a bearer token from the stack's issuer, which the service under test verifies. The
 * principal is who the service records (initiator, registrant, approver), so tests name the one they assert. Public
 * because the stack tests in {@code dev.rotor.scheduler.it} call the API too.
 */
public final class Callers {

    private Callers() {
    }

    /** A request from {@code principal} holding {@code roles}. */
    public static RequestSpecification as(String principal, String... roles) {
        return given().auth().oauth2(RotorStack.issuer().token(principal, roles));
    }

    /**
     * A registrar whose token carries {@code scope}: claim name ({@link TokenIssuer#OWNERS_CLAIM},
     * {@link TokenIssuer#CLASSES_CLAIM}) to the names it covers. Minted with the stack's claim names, so that a
     * scheduler reading other names shows up as a scope not enforced.
     */
    public static RequestSpecification registrar(String principal, Map<String, List<String>> scope) {
        return given().auth().oauth2(RotorStack.issuer().token(principal, List.of(Roles.REGISTRAR), Duration.ofHours(1), scope));
    }

    /** A read: the least role that may read, so that a read which needs more shows up as a 403. */
    public static RequestSpecification viewer() {
        return as("vera", Roles.VIEWER);
    }
}
