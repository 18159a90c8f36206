package dev.rotor.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import dev.rotor.stack.auth.TokenIssuer;
import dev.rotor.stack.testing.Ports;
import dev.rotor.stack.testing.RotorStack;
import dev.rotor.stack.vault.ServiceTokens;

/**
 * The four services and the broker and Vault they use, each its own process, wired to the shared test stack (registry,
 * target database) through the same ROTOR_* variables that {@code ./rotor up} writes to stack.env. Started once per
 * test JVM, in a log directory emptied first.
 */
final class RotorServices {

    static final String SCHEDULER = "scheduler-service";
    static final String ROTATOR = "rotator-service";
    static final String VERIFIER = "verifier-service";
    static final String AUDIT = "audit-service";

    private static RotorServices running;

    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final List<ServiceProcess> extraInstances = new CopyOnWriteArrayList<>();
    private final Path logDir;
    private final BrokerProcess broker;
    private final VaultProcess vault;

    private RotorServices(Path logDir) {
        this.logDir = logDir;
        this.broker = new BrokerProcess(logDir);
        this.vault = new VaultProcess(Ports.free(), "e2e-root-" + UUID.randomUUID(), logDir);
    }

    /** The services' settings, as ./rotor up gives them: each its own bus login, and its own Vault token where it has one. */
    private void defineServices(Map<String, String> vaultTokens) {
        Map<String, String> stack = Map.of(
                "ROTOR_KAFKA", broker.bootstrapServers(),
                "ROTOR_REGISTRY_URL", RotorStack.registry().url(),
                "ROTOR_VAULT_ADDR", vault.address(),
                "ROTOR_VAULT_TOKEN", vault.rootToken(),
                "ROTOR_JWT_PUBLIC_KEY", RotorStack.issuer().publicKeyFile().toString(),
                "ROTOR_JWT_ISSUER", TokenIssuer.ISSUER);
        for (String name : List.of(SCHEDULER, AUDIT, ROTATOR, VERIFIER)) {
            int port = Ports.free();
            Map<String, String> env = new LinkedHashMap<>(stack);
            env.put(portVariable(name), String.valueOf(port));
            String service = name.substring(0, name.indexOf('-'));
            env.put("ROTOR_KAFKA_PRINCIPAL", "rotor-" + service);
            env.put("ROTOR_KAFKA_PASSWORD", broker.login("rotor-" + service).password());
            if (vaultTokens.containsKey(service)) {
                env.put("ROTOR_VAULT_TOKEN", vaultTokens.get(service));
            }
            // Audit keeps Kafka Streams state per process; a test JVM gets its own directory.
            env.put("ROTOR_AUDIT_STATE_DIR", logDir.resolve("audit-state").toString());
            // Scheduled rotations within seconds, not the production half minute: the scheduler tests watch waves.
            env.put("ROTOR_SCHEDULER_TICK", "1s");
            // A killed rotator that is not started again keeps its secrets from the others for this long, not a minute.
            env.put("ROTOR_ROTATOR_LEASE_DURATION", "20s");
            services.put(name, new ServiceProcess(name, port, ServiceProcess.Application.service(name, port), env, logDir));
        }
    }

    static synchronized RotorServices start() {
        if (running == null) {
            try {
                Path logDir = Path.of(System.getProperty("rotor.root"), "deploy/e2e/target/service-logs");
                deleteRecursively(logDir);
                running = new RotorServices(Files.createDirectories(logDir));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            running.broker.start();
            running.vault.start();
            running.defineServices(new ServiceTokens(running.vault.address(), running.vault.rootToken()).issue());
            running.services.values().forEach(s -> s.start(Map.of()));
            RotorStack.closeAtExit(running::stopAll);
        }
        return running;
    }

    /**
     * Another instance of a service beside the first (two schedulers, two audits), on its own port, with the first's
     * settings plus {@code extraEnv}; stopped with the others.
     */
    synchronized ServiceProcess startAnother(String name, Map<String, String> extraEnv) {
        int port = Ports.free();
        Map<String, String> env = new LinkedHashMap<>(get(name).env());
        env.put(portVariable(name), String.valueOf(port));
        env.putAll(extraEnv);
        ServiceProcess another = new ServiceProcess(name + "-" + (extraInstances.size() + 2), port, ServiceProcess.Application.service(name, port),
                env, logDir);
        extraInstances.add(another);
        another.start(Map.of());
        return another;
    }

    /** All at once: stopped one after the other, the services would outlast surefire's exit timeout. */
    private void stopAll() {
        Stream.concat(services.values().stream(), extraInstances.stream()).parallel().forEach(ServiceProcess::stop);
        vault.stop();
        broker.stop();
    }

    /** The broker of the running services. */
    static BrokerProcess broker() {
        return start().broker;
    }

    /** The Vault of the running services. */
    static VaultProcess vault() {
        return start().vault;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }

    ServiceProcess get(String name) {
        return services.get(name);
    }

    /** Every instance ever started, the first of each service and the others. */
    List<ServiceProcess> all() {
        return Stream.concat(services.values().stream(), extraInstances.stream()).toList();
    }

    String schedulerUrl() {
        return get(SCHEDULER).url();
    }

    String auditUrl() {
        return get(AUDIT).url();
    }

    private static String portVariable(String service) {
        return "ROTOR_" + service.substring(0, service.indexOf('-')).toUpperCase() + "_PORT";
    }
}
