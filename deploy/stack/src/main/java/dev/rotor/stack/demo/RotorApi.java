package dev.rotor.stack.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.stack.auth.TokenIssuer;

/**
 * The demo's calls: the scheduler's and audit service's REST APIs, as {@code principal} with a token from the local
 * issuer (the roles an operator who registers and rotates has), and the store (Vault's HTTP API).
 */
final class RotorApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Longer than the longest demo or benchmark run: the token is not renewed. */
    private static final Duration TOKEN_LIFETIME = Duration.ofHours(2);

    private final HttpClient http = HttpClient.newHttpClient();
    private final DemoEnvironment env;
    private final String bearer;

    RotorApi(DemoEnvironment env, String principal) {
        this.env = env;
        this.bearer = "Bearer " + TokenIssuer.in(env.data().resolve("auth"))
                .token(principal, List.of("registrar", "operator"), TOKEN_LIFETIME);
    }

    void writeStoreEntry(String path, String username, String password) throws Exception {
        send(vault("/v1/secret/data/" + path).POST(body(Map.of("data", Map.of("username", username, "password", password)))), 200);
    }

    /** The store entry's current username and password, as an application reading the secret gets them. */
    DemoTarget.Login readStoreEntry(String path) throws Exception {
        JsonNode data = JSON.readTree(send(vault("/v1/secret/data/" + path).GET(), 200)).get("data").get("data");
        return new DemoTarget.Login(data.get("username").asText(), data.get("password").asText());
    }

    /**
     * Hands an account to Rotor as an operator would: its credential and the kind's admin into the store, then the
     * registration. {@code extraTarget} adds target fields, e.g. the other account of an alternating pair.
     */
    void manage(String secretId, String secretClass, String owner, DemoTarget target, DemoTarget.Login account, String strategy,
            Map<String, Object> extraTarget) throws Exception {
        String adminPath = "admin/" + target.type();
        writeStoreEntry(adminPath, target.admin().username(), target.admin().password());
        writeStoreEntry(secretId, account.username(), account.password());
        Map<String, Object> fields = new LinkedHashMap<>(target.connection());
        fields.putAll(extraTarget);
        fields.put("type", target.type());
        fields.put("role", account.username());
        fields.put("adminSecret", adminPath);
        register(Map.of("id", secretId, "class", secretClass, "owner", owner, "cadence", "P30D",
                "store", Map.of("mount", "secret", "path", secretId), "target", fields, "strategy", strategy));
    }

    int storeVersion(String path) throws Exception {
        return JSON.readTree(send(vault("/v1/secret/metadata/" + path).GET(), 200)).get("data").get("current_version").asInt();
    }

    private void register(Map<String, Object> registration) throws Exception {
        send(json(env.schedulerUrl() + "/api/secrets").POST(body(registration)), 201, 200);
    }

    String requestRotation(String secretId) throws Exception {
        String answer = send(json(env.schedulerUrl() + "/api/rotations").POST(body(Map.of("secretId", secretId, "reason", "MANUAL"))), 202);
        return JSON.readTree(answer).get("rotationId").asText();
    }

    /** Polls the audit service until the rotation's timeline has its terminal event. */
    JsonNode awaitTerminal(String rotationId, Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(env.auditUrl() + "/api/rotations/" + rotationId))
                    .header("Authorization", bearer).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 200) {
                JsonNode timeline = JSON.readTree(response.body());
                if (timeline.hasNonNull("terminal")) {
                    return timeline;
                }
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("rotation " + rotationId + " did not end within " + timeout
                + ": see ./rotor logs rotator-service and ./rotor logs verifier-service");
    }

    private HttpRequest.Builder vault(String path) {
        return HttpRequest.newBuilder(URI.create(env.vaultAddr() + path)).header("X-Vault-Token", env.vaultToken());
    }

    private HttpRequest.Builder json(String url) {
        return HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json").header("Authorization", bearer);
    }

    private static HttpRequest.BodyPublisher body(Object value) throws IOException {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(value));
    }

    private String send(HttpRequest.Builder request, int... expected) throws Exception {
        HttpRequest built = request.build();
        HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response.body();
            }
        }
        // Vault's answers to these calls carry no values, and neither do Rotor's.
        throw new IllegalStateException(built.method() + " " + built.uri() + " answered " + response.statusCode() + ": " + response.body());
    }
}
