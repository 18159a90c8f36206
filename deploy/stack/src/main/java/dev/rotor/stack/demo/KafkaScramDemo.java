package dev.rotor.stack.demo;

import java.util.Map;
import java.util.Optional;

import dev.rotor.stack.bus.ScramUsers;

/**
 * SCRAM-SHA-512 users of the stack's Kafka broker, who log in on its application SCRAM listener (ROTOR_KAFKA_SCRAM).
 * The broker's administrator creates them and lets the admin alter SCRAM credentials, as an operator sets up a cluster.
 */
final class KafkaScramDemo implements DemoTarget {

    private final DemoEnvironment env;
    private final Login admin;

    KafkaScramDemo(DemoEnvironment env, String run) {
        this.env = env;
        this.admin = new Login("rotor_admin_" + run, DemoPasswords.initial());
    }

    @Override
    public String type() {
        return "kafka-scram";
    }

    /** The stack's own broker: the admin is created here, so nothing can be missing but the broker itself. */
    @Override
    public Optional<String> unavailable() {
        try {
            createAccount(admin);
            scramUsers().allowCredentialChanges(admin.username());
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("cannot create SCRAM users through " + env.kafka() + ": " + e.getMessage());
        }
    }

    @Override
    public Login admin() {
        return admin;
    }

    @Override
    public void createAccount(Login account) {
        scramUsers().upsert(Map.of(account.username(), account.password()));
    }

    private ScramUsers scramUsers() {
        return new ScramUsers(env.busAdministrator().clientSettings());
    }

    @Override
    public Map<String, Object> connection() {
        String[] hostPort = env.kafkaScram().split(":");
        return Map.of("host", hostPort[0], "port", Integer.parseInt(hostPort[1]));
    }
}
