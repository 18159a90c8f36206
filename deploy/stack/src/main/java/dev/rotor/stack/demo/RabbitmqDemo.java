package dev.rotor.stack.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Users of the machine's RabbitMQ (ROTOR_RABBITMQ_*; ./rotor up starts none), created through its management API,
 * which the rabbitmq kind also changes passwords through.
 */
final class RabbitmqDemo implements DemoTarget {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final String host = DemoEnvironment.value("ROTOR_RABBITMQ_HOST");
    private final int port = DemoEnvironment.port("ROTOR_RABBITMQ_PORT");
    private final int managementPort = DemoEnvironment.port("ROTOR_RABBITMQ_MANAGEMENT_PORT");
    private final Login admin = new Login(DemoEnvironment.value("ROTOR_RABBITMQ_USER"), DemoEnvironment.value("ROTOR_RABBITMQ_PASSWORD"));

    @Override
    public String type() {
        return "rabbitmq";
    }

    @Override
    public Optional<String> unavailable() {
        try {
            HttpResponse<String> overview = management("GET", "/api/overview", null);
            return overview.statusCode() == 200 ? Optional.empty()
                    : Optional.of("its management API at " + host + ":" + managementPort + " answered " + overview.statusCode());
        } catch (Exception e) {
            return Optional.of("no RabbitMQ management API at " + host + ":" + managementPort + " (" + e.getClass().getSimpleName()
                    + "): start RabbitMQ and run 'rabbitmq-plugins enable rabbitmq_management'");
        }
    }

    @Override
    public Login admin() {
        return admin;
    }

    @Override
    public void createAccount(Login account) throws Exception {
        expectSuccess(management("PUT", "/api/users/" + account.username(), Map.of("password", account.password(), "tags", "")));
        expectSuccess(management("PUT", "/api/permissions/%2F/" + account.username(), Map.of("configure", "", "write", "", "read", ".*")));
    }

    @Override
    public Map<String, Object> connection() {
        return Map.of("host", host, "port", port, "managementPort", String.valueOf(managementPort));
    }

    private HttpResponse<String> management(String method, String path, Map<String, String> body) throws Exception {
        String authorization = Base64.getEncoder().encodeToString((admin.username() + ":" + admin.password()).getBytes(StandardCharsets.UTF_8));
        return http.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + managementPort + path))
                .header("Authorization", "Basic " + authorization)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expectSuccess(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("RabbitMQ's management API answered " + response.statusCode() + ": " + response.body());
        }
    }
}
