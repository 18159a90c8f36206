package dev.rotor.audit.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rotor.contract.Roles;
import dev.rotor.stack.auth.TokenIssuer;
import dev.rotor.stack.testing.EndpointAccess;
import dev.rotor.stack.testing.RotorStack;
import dev.rotor.stack.testing.RotorStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Who may call each endpoint of the audit's API, as the running service enforces it. Reading is for anyone with a
 * Rotor role (each one implies viewer); the chain check and backfill, which can hide staleness, for auditors only.
 */
@QuarkusTest
@QuarkusTestResource(RotorStackResource.class)
class EndpointAccessTest {

    private static final String[] ANY_ROLE = Roles.ALL.toArray(String[]::new);

    private static final List<EndpointAccess.Rule> RULES = List.of(
            EndpointAccess.Rule.of("GET", "/api/secrets", ANY_ROLE),
            EndpointAccess.Rule.of("GET", "/api/secrets/{id}", ANY_ROLE),
            EndpointAccess.Rule.of("GET", "/api/rotations", ANY_ROLE),
            EndpointAccess.Rule.of("GET", "/api/rotations/{rotationId}", ANY_ROLE),
            EndpointAccess.Rule.of("GET", "/api/audit/verify", Roles.AUDITOR),
            EndpointAccess.Rule.of("POST", "/api/backfill", Roles.AUDITOR));

    @TestHTTPResource("/")
    URI base;

    @Test
    void everyEndpointTheServiceDeclaresHasARule() {
        assertThat(EndpointAccess.declaredIn(SecretResource.class, "dev.rotor.audit"))
                .containsExactlyInAnyOrderElementsOf(RULES.stream().map(EndpointAccess.Rule::endpoint).toList());
    }

    @Test
    void eachEndpointAdmitsItsRolesAndRefusesEveryoneElse(@TempDir Path forgerKeys) {
        TokenIssuer forger = TokenIssuer.in(forgerKeys);

        assertThat(EndpointAccess.check(base, RotorStack.issuer(), forger, Set.copyOf(Roles.ALL), RULES)).isEmpty();
    }

    @Test
    void healthAndTheStatusPageAnswerWithoutAToken() {
        // Up or down, whichever the streams are in now: an orchestrator's probe carries no token.
        given().get("/q/health").then().statusCode(not(anyOf(is(401), is(403))));
        // The page itself is public; it asks for a token before it reads anything.
        given().get("/").then().statusCode(200).body(containsString("id=\"sign-in\""));
        given().get("/status.js").then().statusCode(200);
    }
}
