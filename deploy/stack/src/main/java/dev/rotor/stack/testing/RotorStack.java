package dev.rotor.stack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.Map;

import dev.rotor.stack.EmbeddedKafka;
import dev.rotor.stack.PostgresServer;
import dev.rotor.stack.RegistryServer;
import dev.rotor.stack.auth.TokenIssuer;
import dev.rotor.vaultdev.VaultDevServer;

/**
 * The real infrastructure for tests, started on first use on ephemeral loopback ports and shared by
 * every test in the JVM (starting Kafka and the registry once per class would dominate the suite's
 * time). Everything started is stopped, newest first, when the JVM exits.
 */
public final class RotorStack {

    public static final String VAULT_TEST_TOKEN = "rotor-test-root";

    private static final Deque<AutoCloseable> STARTED = new ArrayDeque<>();
    private static Path workDir;
    private static EmbeddedKafka kafka;
    private static RegistryServer registry;
    private static VaultDevServer vault;
    private static PostgresServer postgres;
    private static TokenIssuer issuer;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(RotorStack::stopAll, "rotor-stack-shutdown"));
    }

    private RotorStack() {
    }

    public static synchronized EmbeddedKafka kafka() {
        if (kafka == null) {
            kafka = started(EmbeddedKafka.start(dir("kafka"), Ports.free(), Ports.free(), Ports.free()));
        }
        return kafka;
    }

    public static synchronized RegistryServer registry() {
        if (registry == null) {
            registry = started(RegistryServer.start(dir("registry"), Ports.free(), dir("logs").resolve("registry.log")));
        }
        return registry;
    }

    public static synchronized VaultDevServer vault() {
        if (vault == null) {
            vault = started(VaultDevServer.start(0, dir("vault").resolve("data.json"), VAULT_TEST_TOKEN));
        }
        return vault;
    }

    /** Signs the tests' bearer tokens; the services under test verify them with its public key. */
    public static synchronized TokenIssuer issuer() {
        if (issuer == null) {
            issuer = TokenIssuer.in(dir("auth"));
        }
        return issuer;
    }

    /** The settings with which a service under test verifies the tokens of {@link #issuer()}. */
    public static Map<String, String> tokenVerification() {
        return Map.of("mp.jwt.verify.publickey.location", issuer().publicKeyFile().toString(), "mp.jwt.verify.issuer", TokenIssuer.ISSUER);
    }

    /** The server named by ROTOR_PG_URL when set (as CI may do), else an embedded one. */
    public static synchronized PostgresServer postgres() {
        if (postgres == null) {
            String url = System.getenv("ROTOR_PG_URL");
            postgres = started(url != null && !url.isBlank()
                    ? PostgresServer.external(url, System.getenv("ROTOR_PG_USER"), System.getenv("ROTOR_PG_PASSWORD"))
                    : PostgresServer.embedded(dir("postgres"), Ports.free()));
        }
        return postgres;
    }

    /**
     * Closes {@code dependent} at exit before the stack it uses: everything is closed newest first,
     * so that clients (the services of the end-to-end tests) never outlive their broker.
     */
    public static synchronized void closeAtExit(AutoCloseable dependent) {
        started(dependent);
    }

    private static synchronized <T extends AutoCloseable> T started(T component) {
        STARTED.push(component);
        return component;
    }

    private static Path dir(String name) {
        try {
            if (workDir == null) {
                workDir = Files.createTempDirectory("rotor-test-stack-");
            }
            return Files.createDirectories(workDir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void stopAll() {
        while (!STARTED.isEmpty()) {
            try {
                STARTED.pop().close();
            } catch (Exception e) {
                System.err.println("rotor-stack: stopping a test component failed: " + e);
            }
        }
        deleteWorkDir();
    }

    /** Every test JVM's broker log and databases would otherwise pile up in the temp folder. */
    private static void deleteWorkDir() {
        if (workDir == null) {
            return;
        }
        try (var paths = Files.walk(workDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            System.err.println("rotor-stack: could not delete " + workDir + ": " + e);
        }
    }
}
