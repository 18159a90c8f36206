package dev.rotor.stack.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

import dev.rotor.stack.AdminPasswords;
import dev.rotor.stack.bus.BusLogin;
import dev.rotor.stack.bus.BusTable;

/**
 * The stack's addresses, as {@code ./rotor up} wrote them to stack.env, and its data directory, where the local
 * token issuer keeps its key.
 */
record DemoEnvironment(String kafka, String kafkaScram, String schedulerUrl, String auditUrl, String vaultAddr, String vaultToken,
        Path data) {

    static DemoEnvironment fromEnv() {
        return new DemoEnvironment(value("ROTOR_KAFKA"), value("ROTOR_KAFKA_SCRAM"), value("ROTOR_SCHEDULER_URL"),
                value("ROTOR_AUDIT_URL"), value("ROTOR_VAULT_ADDR"), value("ROTOR_VAULT_TOKEN"), Path.of(value("ROTOR_DATA")));
    }

    /** The bus's administrator, whose password the broker keeps beside its data. */
    BusLogin busAdministrator() {
        try {
            return new BusLogin(kafka, BusTable.ADMINISTRATOR, AdminPasswords.beside(data.resolve("kafka"), BusTable.ADMINISTRATOR));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One stack.env entry; a missing one means the demo was not started through {@code ./rotor demo}. */
    static String value(String name) {
        String value = System.getenv(name);
        if (value == null) {
            throw new IllegalStateException(name + " is not set: run the demo through ./rotor demo, which loads .rotor/stack.env");
        }
        return value;
    }

    static int port(String name) {
        return Integer.parseInt(value(name));
    }

    @Override
    public String toString() {
        return "DemoEnvironment[scheduler=" + schedulerUrl + ", audit=" + auditUrl + ", vault=" + vaultAddr + "]";
    }
}
