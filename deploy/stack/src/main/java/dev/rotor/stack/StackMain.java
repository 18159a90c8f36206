package dev.rotor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one piece of the local stack as its own OS process for {@code ./rotor up}: {@code kafka}, {@code postgres},
 * {@code mariadb} or {@code redis}. It runs until it is sent SIGTERM, then stops cleanly (Kafka flushes its log, the
 * databases shut down their servers), so data under {@code .rotor/} survives {@code down}/{@code up}.
 */
public final class StackMain {

    private StackMain() {
    }

    public static void main(String[] args) throws InterruptedException, IOException {
        if (args.length != 1) {
            System.err.println("usage: StackMain kafka|postgres|mariadb|redis  (settings come from ROTOR_* environment variables)");
            System.exit(2);
        }
        Path data = Path.of(env("ROTOR_DATA", ".rotor"));
        AutoCloseable component = switch (args[0]) {
            case "kafka" -> EmbeddedKafka.start(data.resolve("kafka"),
                    port("ROTOR_KAFKA_PORT", 9092), port("ROTOR_KAFKA_CONTROLLER_PORT", 9093), port("ROTOR_KAFKA_SCRAM_PORT", 9094));
            case "postgres" -> PostgresServer.embedded(data.resolve("postgres"), port("ROTOR_PG_PORT", 5433));
            case "mariadb" -> EmbeddedMariadb.start(data.resolve("mariadb"), port("ROTOR_MYSQL_PORT", 3307));
            case "redis" -> EmbeddedRedis.start(data.resolve("redis"), port("ROTOR_REDIS_PORT", 6380));
            default -> throw new IllegalArgumentException("Unknown component '" + args[0] + "': expected kafka, postgres, mariadb or redis");
        };
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                component.close();
            } catch (Exception e) {
                System.err.println("rotor: stopping " + args[0] + " failed: " + e);
            }
        }, "rotor-" + args[0] + "-shutdown"));
        // The launcher waits for this file: an open port alone does not mean the admin role exists yet.
        Path ready = data.resolve("run").resolve(args[0] + ".ready");
        Files.createDirectories(ready.getParent());
        Files.writeString(ready, ProcessHandle.current().pid() + "\n");
        System.out.println("rotor: " + args[0] + " is ready");
        Thread.currentThread().join();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private static int port(String name, int fallback) {
        String value = env(name, String.valueOf(fallback));
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a port number, got '" + value + "'");
        }
    }
}
