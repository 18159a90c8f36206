package dev.rotor.audit;

import static io.restassured.RestAssured.given;

import dev.rotor.contract.Roles;
import dev.rotor.stack.testing.RotorStack;
import io.restassured.specification.RequestSpecification;

/**
 * A REST call to the audit as a person holding one role: every endpoint asks for a bearer token of the stack's issuer
 * (EndpointAccessTest checks who may call what; these tests check what the answers say).
 */
final class Caller {

    private Caller() {
    }

    /** Reads: secrets, rotations, timelines. */
    static RequestSpecification asViewer() {
        return as(Roles.VIEWER);
    }

    /** Backfills and verifies the chain. */
    static RequestSpecification asAuditor() {
        return as(Roles.AUDITOR);
    }

    /** A fresh token per call: minting one costs a signature, and none of them can expire during a long wait. */
    static String token(String role) {
        return RotorStack.issuer().token("alice", role);
    }

    private static RequestSpecification as(String role) {
        return given().auth().oauth2(token(role));
    }
}
