package dev.rotor.stack;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.security.plain.internals.PlainSaslServerProvider;
import org.apache.kafka.common.security.scram.internals.ScramSaslServerProvider;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;

import dev.rotor.stack.bus.BusLogin;
import dev.rotor.stack.bus.BusTable;
import dev.rotor.stack.bus.ScramUsers;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), in this JVM, secured as a
 * production bus is: every listener authenticates (SASL/SCRAM-SHA-512 for clients), the standard authorizer allows
 * only what {@link BusTable} grants, and topics are not auto-created but made from the table at start. Each
 * principal's password is generated once and kept owner-only beside the data directory. A second SCRAM listener
 * stands for an application's Kafka cluster, whose users the kafka-scram target kind rotates. The data directory
 * is kept across restarts: a formatted directory is reused as it is.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final String BUS_LISTENER = "BUS";
    private static final String APPS_LISTENER = "APPS";
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    // Only this process talks to its controller; a fresh password per start is never written anywhere.
    private static final String CONTROLLER_USER = "rotor-controller";
    private static final String SCRAM_SERVER_LOGIN = "org.apache.kafka.common.security.scram.ScramLoginModule required;";
    private static final long TIMEOUT_SECONDS = 30;

    private final KafkaRaftServer server;
    private final Path dataDir;
    private final String bootstrapServers;
    private final String scramBootstrapServers;

    private EmbeddedKafka(KafkaRaftServer server, Path dataDir, String bootstrapServers, String scramBootstrapServers) {
        this.server = server;
        this.dataDir = dataDir;
        this.bootstrapServers = bootstrapServers;
        this.scramBootstrapServers = scramBootstrapServers;
    }

    /** Starts the broker, makes its principals, ACLs and topics, and returns once they are in effect. */
    public static EmbeddedKafka start(Path dataDir, int port, int controllerPort, int scramPort) {
        // In a test JVM, Quarkus applications carry their own copies of Kafka's classes. Their login modules register
        // Kafka's SASL server providers from their class loader, and JAAS loads login modules through the context class
        // loader; a broker using those servers with its own callback handlers refuses every login. So the broker starts
        // under its own class loader (its threads inherit it) with its own SASL servers registered.
        useOwnSaslServers();
        Thread thread = Thread.currentThread();
        ClassLoader caller = thread.getContextClassLoader();
        thread.setContextClassLoader(EmbeddedKafka.class.getClassLoader());
        try {
            return startWithOwnClassLoader(dataDir, port, controllerPort, scramPort);
        } finally {
            thread.setContextClassLoader(caller);
        }
    }

    private static EmbeddedKafka startWithOwnClassLoader(Path dataDir, int port, int controllerPort, int scramPort) {
        try {
            boolean formatted = Files.exists(dataDir.resolve("meta.properties"));
            if (formatted && !AdminPasswords.exists(dataDir, BusTable.ADMINISTRATOR)) {
                throw new IllegalStateException("Kafka's data in " + dataDir + " is from before the bus required SCRAM logins: remove "
                        + dataDir + " (its events are lost) and start again");
            }
            Files.createDirectories(dataDir);
            String administratorPassword = AdminPasswords.beside(dataDir, BusTable.ADMINISTRATOR);
            KafkaConfig config = new KafkaConfig(brokerProperties(dataDir, port, controllerPort, scramPort, administratorPassword), false);
            if (!formatted) {
                format(config, dataDir, administratorPassword);
            }
            KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            EmbeddedKafka kafka = new EmbeddedKafka(server, dataDir, "127.0.0.1:" + port, "127.0.0.1:" + scramPort);
            kafka.awaitReady(Duration.ofSeconds(60));
            kafka.applyBusTable(BusTable.standard());
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static synchronized void useOwnSaslServers() {
        for (Provider provider : Security.getProviders()) {
            Class<?> type = provider.getClass();
            if (type.getName().startsWith("org.apache.kafka.") && type.getSimpleName().endsWith("SaslServerProvider")
                    && type.getClassLoader() != EmbeddedKafka.class.getClassLoader()) {
                Security.removeProvider(provider.getName());
            }
        }
        PlainSaslServerProvider.initialize();
        ScramSaslServerProvider.initialize();
    }

    /** The SASL_PLAINTEXT listener of Rotor's own bus. */
    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** How {@code principal} (one of {@link BusTable#principals()}, or {@link BusTable#ADMINISTRATOR}) logs in. */
    public BusLogin login(String principal) {
        try {
            return new BusLogin(bootstrapServers, principal, AdminPasswords.beside(dataDir, principal));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Client settings of the stack's administrator, a super user: for tools and tests that act as the operator. */
    public Map<String, Object> administratorSettings() {
        return login(BusTable.ADMINISTRATOR).clientSettings();
    }

    /** Creates a topic outside the bus table, as the administrator: for tools and tests. */
    public void createTopic(String name, int partitions) {
        try (Admin admin = Admin.create(administratorSettings())) {
            admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.empty()))).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not create the topic " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the topic " + name, e);
        }
    }

    /** The application cluster's SCRAM listener: clients log in with SCRAM-SHA-512 or -256 credentials. */
    public String scramBootstrapServers() {
        return scramBootstrapServers;
    }

    /** The broker's SCRAM users, made by its administrator. */
    public ScramUsers scramUsers() {
        return new ScramUsers(administratorSettings());
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    static Properties brokerProperties(Path dataDir, int port, int controllerPort, int scramPort, String administratorPassword) {
        String controllerPassword = randomPassword();
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("controller.quorum.voters", "1@127.0.0.1:" + controllerPort),
                Map.entry("listeners", BUS_LISTENER + "://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort
                        + "," + APPS_LISTENER + "://127.0.0.1:" + scramPort),
                Map.entry("advertised.listeners", BUS_LISTENER + "://127.0.0.1:" + port + "," + APPS_LISTENER + "://127.0.0.1:" + scramPort),
                Map.entry("controller.listener.names", CONTROLLER_LISTENER),
                Map.entry("inter.broker.listener.name", BUS_LISTENER),
                Map.entry("listener.security.protocol.map", BUS_LISTENER + ":SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":SASL_PLAINTEXT,"
                        + APPS_LISTENER + ":SASL_PLAINTEXT"),
                // SCRAM credentials live in the metadata log, which the controller serves: its own listener needs PLAIN.
                Map.entry("sasl.mechanism.controller.protocol", "PLAIN"),
                Map.entry("listener.name.controller.sasl.enabled.mechanisms", "PLAIN"),
                Map.entry("listener.name.controller.plain.sasl.jaas.config", "org.apache.kafka.common.security.plain.PlainLoginModule required"
                        + " username=\"" + CONTROLLER_USER + "\" password=\"" + controllerPassword + "\" user_" + CONTROLLER_USER + "=\""
                        + controllerPassword + "\";"),
                Map.entry("sasl.mechanism.inter.broker.protocol", BusLogin.MECHANISM),
                Map.entry("listener.name.bus.sasl.enabled.mechanisms", BusLogin.MECHANISM),
                Map.entry("listener.name.bus.scram-sha-512.sasl.jaas.config",
                        BusLogin.jaasConfigOf(BusTable.ADMINISTRATOR, administratorPassword)),
                Map.entry("listener.name.apps.sasl.enabled.mechanisms", "SCRAM-SHA-512,SCRAM-SHA-256"),
                Map.entry("listener.name.apps.scram-sha-512.sasl.jaas.config", SCRAM_SERVER_LOGIN),
                Map.entry("listener.name.apps.scram-sha-256.sasl.jaas.config", SCRAM_SERVER_LOGIN),
                Map.entry("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer"),
                Map.entry("super.users", "User:" + BusTable.ADMINISTRATOR + ";User:" + CONTROLLER_USER),
                Map.entry("allow.everyone.if.no.acl.found", "false"),
                Map.entry("log.dirs", dataDir.toAbsolutePath().toString()),
                Map.entry("num.partitions", "3"),
                // A single node cannot replicate: every internal topic must accept one replica.
                Map.entry("offsets.topic.replication.factor", "1"),
                Map.entry("offsets.topic.num.partitions", "10"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("min.insync.replicas", "1"),
                // The default dedupe buffer takes 128 MiB of heap; compacted topics here are small.
                Map.entry("log.cleaner.dedupe.buffer.size", String.valueOf(4 * 1024 * 1024)),
                Map.entry("group.initial.rebalance.delay.ms", "0"),
                // Topics come from the bus table: a typo in a topic name is an error, not a new topic.
                Map.entry("auto.create.topics.enable", "false")));
        return p;
    }

    /** The administrator's SCRAM credential is written with the storage: nobody could log in to create it later. */
    private static void format(KafkaConfig config, Path dataDir, String administratorPassword) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(config.nodeId())
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(List.of(dataDir.toAbsolutePath().toString()))
                    .setScramArguments(List.of(BusLogin.MECHANISM + "=[name=" + BusTable.ADMINISTRATOR + ",password=" + administratorPassword + "]"))
                    .run();
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + dataDir
                    + ": remove the directory if it is from another Kafka version", e);
        }
    }

    /**
     * Gives every principal of the table its SCRAM login, then the table's ACLs, then the topics. Metadata is applied in
     * order, so once the last principal can log in and see its topics, everything before is in effect too.
     */
    private void applyBusTable(BusTable table) {
        Map<String, String> passwords = new TreeMap<>();
        table.principals().forEach(principal -> passwords.put(principal, login(principal).password()));
        scramUsers().upsert(passwords);
        try (Admin admin = Admin.create(administratorSettings())) {
            admin.createAcls(table.acls()).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            for (var creation : admin.createTopics(table.newTopics()).values().entrySet()) {
                try {
                    creation.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                }
            }
            String last = List.copyOf(table.principals()).get(table.principals().size() - 1);
            awaitLogin(login(last));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not set up the bus's principals, ACLs and topics on " + bootstrapServers + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while setting up the bus on " + bootstrapServers, e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for Kafka", e);
        }
    }

    private static String randomPassword() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    private void awaitReady(Duration timeout) {
        awaitLogin(login(BusTable.ADMINISTRATOR), timeout);
    }

    private static void awaitLogin(BusLogin login) {
        awaitLogin(login, Duration.ofSeconds(TIMEOUT_SECONDS));
    }

    /** A new SCRAM credential reaches the broker's cache shortly after the controller commits it: log in until it works. */
    private static void awaitLogin(BusLogin login, Duration timeout) {
        Map<String, Object> settings = new HashMap<>(login.clientSettings());
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            try (Admin client = Admin.create(settings)) {
                client.describeCluster().nodes().get(5, TimeUnit.SECONDS);
                return;
            } catch (Exception notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Kafka at " + login.bootstrapServers() + " did not accept " + login.principal()
                            + " within " + timeout, notYet);
                }
                pause();
            }
        }
    }
}
