package dev.rotor.stack.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.stack.testing.RotorStackExtension;
import dev.rotor.vaultdev.VaultDevServer;

/** The services' own Vault tokens hold their policy and nothing more: the verifier reads staging, never a store value. */
@ExtendWith(RotorStackExtension.class)
class ServiceTokensIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void eachServiceGetsATokenOfItsOwnThatTheDevServerHoldsToItsPolicy(VaultDevServer vault) throws Exception {
        String root = vault.rootToken();
        assertThat(call(vault, root, "POST", "secret/data/svc-tokens/app", "{\"data\":{\"username\":\"app\",\"password\":\"p1\"}}"))
                .isEqualTo(200);
        assertThat(call(vault, root, "POST", "secret/data/rotor-staging/svc-tokens/app", "{\"data\":{\"username\":\"app\",\"password\":\"p2\"}}"))
                .isEqualTo(200);

        Map<String, String> tokens = new ServiceTokens(vault.address(), root).issue();

        assertThat(tokens).containsOnlyKeys(ServiceTokens.SERVICES);
        for (String token : tokens.values()) {
            assertThat(lookupSelf(vault, token).path("data").path("period").asLong()).as("periodic: renewable for as long as it runs")
                    .isEqualTo(Duration.ofHours(24).toSeconds());
        }
        String verifier = tokens.get("verifier");
        assertThat(call(vault, verifier, "GET", "secret/data/rotor-staging/svc-tokens/app", null)).isEqualTo(200);
        assertThat(call(vault, verifier, "GET", "secret/data/svc-tokens/app", null)).as("a store value").isEqualTo(403);
        assertThat(call(vault, verifier, "POST", "secret/data/rotor-staging/svc-tokens/app", "{\"data\":{}}")).as("a write").isEqualTo(403);
        // The issue's test: the scheduler's and the verifier's tokens are denied a store value.
        String scheduler = tokens.get("scheduler");
        assertThat(call(vault, scheduler, "GET", "secret/metadata/svc-tokens/app", null)).as("where it is").isEqualTo(200);
        assertThat(call(vault, scheduler, "GET", "secret/data/svc-tokens/app", null)).as("what it is").isEqualTo(403);
        String rotator = tokens.get("rotator");
        assertThat(call(vault, rotator, "GET", "secret/data/svc-tokens/app", null)).isEqualTo(200);
        assertThat(call(vault, rotator, "POST", "sys/policies/acl/rotor-rotator", "{\"policy\":\"path \\\"*\\\" { capabilities = [\\\"sudo\\\"] }\"}"))
                .as("widening its own policy").isEqualTo(403);
    }

    private JsonNode lookupSelf(VaultDevServer vault, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/auth/token/lookup-self"))
                .header("X-Vault-Token", token).GET().build();
        return new ObjectMapper().readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private int call(VaultDevServer vault, String token, String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/" + path)).header("X-Vault-Token", token)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
