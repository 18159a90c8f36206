package dev.rotor.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Apicurio Registry server (a Quarkus 2 application built by deploy/registry) as a child
 * process: it cannot share a JVM with Quarkus 3 code. Its H2 database lives in {@code dataDir}, so
 * schema ids keep resolving after a restart, exactly as the Kafka records that carry them do.
 */
public final class RegistryServer implements AutoCloseable {

    static final String READINESS_PATH = "/health/ready";

    private final Process process;
    private final String url;

    private RegistryServer(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    public static RegistryServer start(Path dataDir, int port, Path logFile) {
        Path jar = RotorPaths.registryJar();
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(logFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(List.of(
                    RotorPaths.javaExecutable(), "-Xmx256m", "-XX:+UseSerialGC", "-jar", jar.toString()))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            builder.environment().put("REGISTRY_HTTP_PORT", String.valueOf(port));
            builder.environment().put("REGISTRY_DATASOURCE_URL", h2Url(dataDir));
            Process process = builder.start();
            RegistryServer registry = new RegistryServer(process, "http://127.0.0.1:" + port);
            registry.awaitReady(Duration.ofSeconds(90), logFile);
            return registry;
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the schema registry from " + jar + ": " + e.getMessage(), e);
        }
    }

    /**
     * LOCK_TIMEOUT: several services auto-register schemas at once, and the registry's id sequence is one
     * H2 row; H2's default one second makes a registration fail under that load (seen as a 500 to a producer).
     */
    static String h2Url(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("registry") + ";DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=10000";
    }

    /** The root URL, e.g. {@code http://127.0.0.1:8081}. */
    public String url() {
        return url;
    }

    /** Apicurio's own API, which the services' serde talks to. */
    public String apicurioApiUrl() {
        return url + "/apis/registry/v2";
    }

    /** The Confluent-compatible API, for Confluent-API consumers of the topics. */
    public String confluentApiUrl() {
        return url + "/apis/ccompat/v7";
    }

    /**
     * The Apicurio serde settings the services use: Apicurio's API for registration, the Confluent
     * wire format (magic byte, 4-byte content id) in the record, no id headers.
     */
    public Map<String, Object> serdeConfig() {
        return Map.of(
                "apicurio.registry.url", apicurioApiUrl(),
                "apicurio.registry.auto-register", "true",
                "apicurio.registry.as-confluent", "true",
                "apicurio.registry.use-id", "contentId",
                "apicurio.registry.headers.enabled", "false",
                "apicurio.registry.use-specific-avro-reader", "true");
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout, Path logFile) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(url + READINESS_PATH)).timeout(Duration.ofSeconds(5)).build();
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The schema registry exited with " + process.exitValue() + " during startup; see " + logFile);
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYetListening) {
                // keep polling until the deadline
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            sleep(Duration.ofMillis(250));
        }
        close();
        throw new IllegalStateException("The schema registry at " + url + " was not ready within " + timeout + "; see " + logFile);
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
