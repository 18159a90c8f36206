package dev.rotor.scheduler.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.is;

import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.rotor.contract.Roles;
import dev.rotor.stack.auth.TokenIssuer;
import dev.rotor.stack.testing.EndpointAccess;
import dev.rotor.stack.testing.EndpointAccess.Rule;
import dev.rotor.stack.testing.RotorStack;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Who may call what: one rule per endpoint, checked against the running service with real tokens. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryMessaging.class, restrictToAnnotatedClass = true)
class EndpointAccessTest {

    /** Reads admit viewer, which every other role implies (quarkus.http.auth.roles-mapping): each role may read. */
    private static final String[] READERS = Roles.ALL.toArray(String[]::new);

    private static final List<Rule> RULES = List.of(
            Rule.of("POST", "/api/secrets", Roles.REGISTRAR),
            Rule.of("GET", "/api/secrets", READERS),
            Rule.of("GET", "/api/secrets/{id}", READERS),
            Rule.of("POST", "/api/rotations", Roles.OPERATOR),
            Rule.of("POST", "/api/approvals/{requestId}", Roles.APPROVER),
            Rule.of("GET", "/api/pauses", READERS),
            Rule.of("POST", "/api/pauses", Roles.OPERATOR),
            Rule.of("POST", "/api/pauses/resume", Roles.OPERATOR),
            Rule.of("GET", "/api/plan", READERS),
            Rule.of("POST", "/api/policies", Roles.POLICY_ADMIN),
            Rule.of("POST", "/api/policies/diff", READERS),
            Rule.of("GET", "/api/policies", READERS),
            Rule.of("POST", "/api/rollbacks", Roles.OPERATOR));

    @TestHTTPResource("/")
    URL base;

    @Test
    void everyEndpointHasARule() {
        assertThat(EndpointAccess.declaredIn(SecretResource.class, "dev.rotor.scheduler"))
                .as("an endpoint without a rule here is not checked: add its rule")
                .containsExactlyInAnyOrderElementsOf(RULES.stream().map(Rule::endpoint).toList());
    }

    @Test
    void eachEndpointAdmitsItsRolesAndRefusesEveryoneElse(@TempDir Path forgerKeys) throws Exception {
        // A well-formed token signed by a key the service does not trust.
        TokenIssuer forger = TokenIssuer.in(forgerKeys);

        List<EndpointAccess.Mismatch> mismatches = EndpointAccess.check(base.toURI(), RotorStack.issuer(), forger,
                Set.copyOf(Roles.ALL), RULES);

        assertThat(mismatches).isEmpty();
    }

    @Test
    void healthStaysOpenWithoutAToken() {
        // Orchestrators probe without one: down may be 503, never 401.
        for (String probe : List.of("/q/health", "/q/health/live", "/q/health/ready")) {
            given().when().get(probe).then().statusCode(anyOf(is(200), is(503)));
        }
    }
}
