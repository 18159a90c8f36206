package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.stack.testing.Ports;

/**
 * The README's first command as a new user runs it: {@code ./rotor demo} on its embedded defaults (its own data
 * directory and ports here) rotates a secret of every kind, rolls one back, rotates an alternating pair without a
 * refused login, and no password it generated or stored reaches its output or any log of the stack.
 */
class DemoIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = Path.of(System.getProperty("rotor.root"));

    @TempDir
    Path data;

    @Test
    void theDemoRotatesEveryKindRollsOneBackAndAlternatesWithoutARefusedLogin() throws Exception {
        Map<String, String> env = stackEnvironment();
        try {
            String output = rotor(env, Duration.ofMinutes(10), "demo");

            for (String row : List.of("db/postgresql-app-", "db/mysql-app-", "cache/redis-app-", "broker/rabbitmq-app-",
                    "broker/kafka-scram-app-")) {
                assertThat(output).as(output).containsPattern("(?m)^" + row + "\\S+\\s+1 -> 2\\s+RotationCompleted ");
            }
            assertThat(output).containsPattern("(?m)^db/legacy-app-\\S+\\s+1 -> 1\\s+RotationRolledBack ");
            assertThat(output).containsPattern("(?m)^db/orders-pair-\\S+\\s+3 -> 4\\s+RotationCompleted ");
            assertThat(output).containsPattern("the client logged in [1-9][0-9]* times, 0 refused").doesNotContain("skipped");

            Set<String> passwords = storedPasswords(env);
            assertThat(passwords).hasSizeGreaterThan(10);
            try (Stream<Path> files = Files.list(data)) {
                files.filter(file -> file.getFileName().toString().endsWith(".password")).forEach(file -> passwords.add(read(file).trim()));
            }
            assertThat(passwords).noneMatch(output::contains);
            try (Stream<Path> logs = Files.list(data.resolve("logs"))) {
                for (Path log : logs.toList()) {
                    String text = read(log);
                    assertThat(passwords).as("a password in %s", log).noneMatch(text::contains);
                }
            }
        } finally {
            rotor(env, Duration.ofMinutes(2), "down");
        }
    }

    /** Every port on a free one and the data in the test's directory: nothing of a developer's own ./rotor up is touched. */
    private Map<String, String> stackEnvironment() {
        Map<String, String> env = new TreeMap<>();
        env.put("ROTOR_DATA", data.toString());
        for (String port : List.of("KAFKA", "KAFKA_CONTROLLER", "KAFKA_SCRAM", "REGISTRY", "VAULT", "PG", "MYSQL", "REDIS", "SCHEDULER",
                "ROTATOR", "VERIFIER", "AUDIT")) {
            env.put("ROTOR_" + port + "_PORT", String.valueOf(Ports.free()));
        }
        return env;
    }

    private String rotor(Map<String, String> env, Duration timeout, String... command) throws Exception {
        Path output = Files.createTempFile(data, "rotor-" + command[0], ".out");
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(ROOT.resolve("rotor").toString()), Stream.of(command)).toList())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("./rotor " + String.join(" ", command) + " did not end within " + timeout + ":\n" + read(output));
        }
        String text = read(output);
        assertThat(process.exitValue()).as("./rotor %s:%n%s", String.join(" ", command), text).isZero();
        return text;
    }

    /** Every password value of every version of every entry the demo's store holds, and the store's root token. */
    private Set<String> storedPasswords(Map<String, String> env) throws Exception {
        String vault = "http://127.0.0.1:" + env.get("ROTOR_VAULT_PORT");
        String token = read(data.resolve("vault/root-token")).trim();
        Set<String> passwords = new HashSet<>(Set.of(token));
        collect(vault, token, "", passwords);
        return passwords;
    }

    private void collect(String vault, String token, String folder, Set<String> passwords) throws Exception {
        JsonNode keys = get(vault + "/v1/secret/metadata/" + folder + "?list=true", token).path("data").path("keys");
        for (JsonNode key : keys) {
            String path = folder + key.asText();
            if (path.endsWith("/")) {
                collect(vault, token, path, passwords);
                continue;
            }
            for (var versions = get(vault + "/v1/secret/metadata/" + path, token).path("data").path("versions").fieldNames();
                    versions.hasNext(); ) {
                JsonNode entry = get(vault + "/v1/secret/data/" + path + "?version=" + versions.next(), token).path("data").path("data");
                if (entry.hasNonNull("password")) {
                    passwords.add(entry.get("password").asText());
                }
            }
        }
    }

    private static JsonNode get(String url, String token) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url))
                .header("X-Vault-Token", token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isIn(200, 404);
        return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
