package dev.rotor.stack.demo;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/**
 * SCRAM-SHA-512 users of the stack's Kafka broker, who log in on its SASL/SCRAM listener (ROTOR_KAFKA_SCRAM). They
 * and the admin are created through the PLAINTEXT listener, as an operator bootstraps a cluster's first SCRAM users.
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
    public void createAccount(Login account) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, env.kafka());
        try (Admin plain = Admin.create(properties)) {
            plain.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(account.username(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), account.password()))).all().get();
        }
    }

    @Override
    public Map<String, Object> connection() {
        String[] hostPort = env.kafkaScram().split(":");
        return Map.of("host", hostPort[0], "port", Integer.parseInt(hostPort[1]));
    }
}
