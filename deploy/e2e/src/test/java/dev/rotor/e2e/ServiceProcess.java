package dev.rotor.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One process of the stack — a Rotor service, the Vault dev server, the broker — run exactly as {@code ./rotor up} runs
 * it, so that a test can SIGKILL it at any step and start it again.
 */
final class ServiceProcess {

    /** Whether a started process is ready yet; an exception means not yet. */
    interface Readiness {
        boolean ready() throws Exception;
    }

    /** What runs: the java arguments after {@code java}, when it is ready, and its failpoint variable if it has one. */
    record Application(List<String> javaArguments, Readiness readiness, String failpointVariable) {

        /** A Rotor service, e.g. rotator-service, on {@code port}: Quarkus' fast jar, its readiness, ROTOR_ROTATOR_FAILPOINT_FILE. */
        static Application service(String module, int port) {
            return new Application(List.of("-Xmx256m", "-XX:+UseSerialGC", "-jar",
                    packaged(module + "/target/quarkus-app/quarkus-run.jar").toString()), answers200("http://127.0.0.1:" + port + "/q/health/ready"),
                    "ROTOR_" + module.substring(0, module.indexOf('-')).toUpperCase() + "_FAILPOINT_FILE");
        }

        /** A file of the build, which must exist. */
        static Path packaged(String path) {
            Path file = Path.of(System.getProperty("rotor.root")).resolve(path);
            if (!Files.isRegularFile(file)) {
                throw new IllegalStateException(file + " is missing: build the project first (mvn -DskipTests install)");
            }
            return file;
        }

        static Readiness answers200(String url) {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build();
            return () -> HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final String name;
    private final int port;
    private final Application application;
    private final Map<String, String> env;
    private final Path logDir;
    private Process process;
    private int starts;

    /** {@code name} tells instances apart in logs. */
    ServiceProcess(String name, int port, Application application, Map<String, String> env, Path logDir) {
        this.name = name;
        this.port = port;
        this.application = application;
        this.env = env;
        this.logDir = logDir;
    }

    String name() {
        return name;
    }

    Map<String, String> env() {
        return Map.copyOf(env);
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** Every log this service wrote, across restarts. */
    List<Path> logs() {
        try (var files = Files.list(logDir)) {
            return files.filter(f -> f.getFileName().toString().startsWith(name + "-")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path currentLog() {
        return logDir.resolve(name + "-" + starts + ".log");
    }

    /** Arms this running instance's failpoint at {@code step}: it stops at the next time it gets there. */
    void arm(String step) {
        if (application.failpointVariable() == null) {
            throw new IllegalStateException(name + " has no failpoint");
        }
        try {
            Files.writeString(failpointFile(), step);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A service is started disarmed, whatever a test armed before it was killed. */
    void start(Map<String, String> extraEnv) {
        try {
            Files.deleteIfExists(failpointFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        starts++;
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(application.javaArguments());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(currentLog().toFile());
        Map<String, String> all = new HashMap<>(env);
        if (application.failpointVariable() != null) {
            all.put(application.failpointVariable(), failpointFile().toString());
        }
        all.putAll(extraEnv);
        builder.environment().putAll(all);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name, e);
        }
        awaitReady(Duration.ofSeconds(90));
    }

    /** SIGKILL: no shutdown hook, no offset commit, exactly like a crashed host. */
    void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitForExit();
        }
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    boolean logContains(String text) {
        try {
            return Files.readString(currentLog()).contains(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path failpointFile() {
        return logDir.resolve(name + ".failpoint");
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void awaitReady(Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited during startup; see " + currentLog());
            }
            try {
                if (application.readiness().ready()) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception notYet) {
                // not listening yet
            }
            sleep(250);
        }
        throw new IllegalStateException(name + " was not ready within " + timeout + "; see " + currentLog());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
