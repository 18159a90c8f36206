package dev.rotor.stack.vault;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Gives each service a Vault token of its own: the policy of {@code deploy/vault/policies/<service>.hcl} under the
 * name {@code rotor-<service>}, and a periodic token holding only that policy. Only the stack's setup uses the root token.
 * {@code main} (run by {@code ./rotor up}) keeps each token owner-only in {@code <ROTOR_DATA>/vault/<service>.token}
 * and revokes the one it replaces.
 */
public final class ServiceTokens {

    /** The services whose own token ./rotor up and the end-to-end suite give them. */
    public static final List<String> SERVICES = List.of("scheduler", "rotator", "verifier", "audit");
    // Periodic: a service renews its token (VaultTokenKeeper, once half of it is left) back to a full day, for as long
    // as it runs; a token nobody renews for a day lapses. A plain token could not outlive Vault's 768 h max TTL.
    private static final String PERIOD = "24h";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();
    private final String address;
    private final String rootToken;

    public ServiceTokens(String address, String rootToken) {
        this.address = address;
        this.rootToken = rootToken;
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(env("ROTOR_DATA")).resolve("vault");
        ServiceTokens tokens = new ServiceTokens(env("ROTOR_VAULT_ADDR"), env("ROTOR_VAULT_TOKEN"));
        for (Map.Entry<String, String> issued : tokens.issue().entrySet()) {
            Path file = dir.resolve(issued.getKey() + ".token");
            if (Files.exists(file)) {
                tokens.revoke(Files.readString(file).trim());
                Files.delete(file);
            }
            Files.createDirectories(dir);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, issued.getValue());
        }
    }

    /** Writes every service's policy and returns a fresh token per service. */
    public Map<String, String> issue() {
        Map<String, String> tokens = new LinkedHashMap<>();
        for (String service : SERVICES) {
            String policy = "rotor-" + service;
            call("PUT", "sys/policies/acl/" + policy, rootToken, Map.of("policy", policyText(service)));
            Map<?, ?> created = call("POST", "auth/token/create", rootToken, Map.of("policies", List.of(policy), "period", PERIOD,
                    "renewable", true, "display_name", policy));
            tokens.put(service, (String) ((Map<?, ?>) created.get("auth")).get("client_token"));
        }
        return tokens;
    }

    /** A token that is gone already (expired, the dev server's data reset) needs no revoking. */
    void revoke(String token) {
        try {
            call("POST", "auth/token/revoke-self", token, Map.of());
        } catch (IllegalStateException alreadyGone) {
            // Nothing to revoke.
        }
    }

    private static String policyText(String service) {
        String resource = "/dev/rotor/stack/vault-policies/" + service + ".hcl";
        try (InputStream in = ServiceTokens.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path: build deploy/stack (mvn -pl deploy/stack compile)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Map<?, ?> call(String method, String path, String token, Map<String, ?> body) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(address + "/v1/" + path)).header("X-Vault-Token", token)
                    .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build();
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                // Vault's answers to these calls carry no secret values (a token is only in a 200's body).
                throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            return response.body().isBlank() ? Map.of() : JSON.readValue(response.body(), Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Vault at " + address + " did not answer " + method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while calling Vault", e);
        }
    }

    private static String env(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: run this through ./rotor up");
        }
        return value;
    }
}
