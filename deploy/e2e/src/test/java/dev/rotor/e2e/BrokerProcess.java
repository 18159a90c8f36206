package dev.rotor.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.rotor.stack.AdminPasswords;
import dev.rotor.stack.bus.BusLogin;
import dev.rotor.stack.bus.BusTable;
import dev.rotor.stack.testing.Ports;

/**
 * The broker the services use, a real single-node Kafka (KRaft) as its own OS process, as {@code ./rotor up} runs it,
 * so that a fault test can SIGKILL it: no flush, no clean-shutdown marker, and it recovers its log at the next start.
 */
final class BrokerProcess {

    private final ServiceProcess process;
    private final Path readyFile;
    private final String bootstrapServers;
    private final Path kafkaData;

    BrokerProcess(Path logDir) {
        int port = Ports.free();
        Path data = logDir.resolve("broker");
        this.readyFile = data.resolve("run/kafka.ready");
        this.bootstrapServers = "127.0.0.1:" + port;
        this.kafkaData = data.resolve("kafka");
        // The test's own class path holds the stack and Kafka, exactly what ./rotor up puts on the broker's.
        this.process = new ServiceProcess("broker", port, new ServiceProcess.Application(List.of("-Xmx768m", "-XX:+UseSerialGC",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"), "dev.rotor.stack.StackMain",
                "kafka"), () -> Files.exists(readyFile), null),
                Map.of("ROTOR_DATA", data.toString(), "ROTOR_KAFKA_PORT", String.valueOf(port),
                        "ROTOR_KAFKA_CONTROLLER_PORT", String.valueOf(Ports.free()), "ROTOR_KAFKA_SCRAM_PORT", String.valueOf(Ports.free())),
                logDir);
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    /** A principal's login, with the password the broker keeps beside its data. */
    BusLogin login(String principal) {
        try {
            return new BusLogin(bootstrapServers, principal, AdminPasswords.beside(kafkaData, principal));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The stack's administrator, for the tests' own producers, consumers and admin calls. */
    Map<String, Object> administratorSettings() {
        return login(BusTable.ADMINISTRATOR).clientSettings();
    }

    /** Starts it on its ports and data and returns once it answers a metadata request. */
    void start() {
        try {
            Files.deleteIfExists(readyFile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        process.start(Map.of());
    }

    /** SIGKILL, as a crashed host: every client loses its connections until {@link #start}. */
    void kill() {
        process.kill();
    }

    void stop() {
        process.stop();
    }
}
