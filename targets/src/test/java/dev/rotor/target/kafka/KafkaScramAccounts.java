package dev.rotor.target.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

import dev.rotor.stack.EmbeddedKafka;
import dev.rotor.stack.testing.RotorStack;
import dev.rotor.target.Credential;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;
import dev.rotor.target.testing.TargetAccounts;

/**
 * SCRAM-SHA-512 users of the stack's real Kafka broker, on its SASL_PLAINTEXT listener. They are created through
 * the PLAINTEXT listener, as an operator bootstraps the first SCRAM users.
 */
public final class KafkaScramAccounts implements TargetAccounts {

    private static final AtomicInteger USERS = new AtomicInteger();

    private final KafkaScramKind kind = new KafkaScramKind(Timeouts.of(Duration.ofSeconds(5)));
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final EmbeddedKafka kafka = RotorStack.kafka();
    private final Credential admin;

    public KafkaScramAccounts() throws Exception {
        admin = new Credential("rotor_adm_" + suffix, TargetAccounts.newPassword());
        upsert(admin);
    }

    @Override
    public TargetKind kind() {
        return kind;
    }

    @Override
    public Account newAccount() throws Exception {
        Credential credential = new Credential("contract_" + USERS.incrementAndGet() + "_" + suffix, TargetAccounts.newPassword());
        upsert(credential);
        String[] hostPort = kafka.scramBootstrapServers().split(":");
        return new Account(new TargetSpec(KafkaScramKind.TYPE, hostPort[0], Integer.parseInt(hostPort[1]), credential.username(),
                "admin/kafka", Map.of()), credential);
    }

    /** The stack's broker runs no authorizer: a SCRAM user that logs in may do everything. */
    @Override
    public Optional<Account> lockedOut(Account account) {
        return Optional.empty();
    }

    @Override
    public Credential admin() {
        return admin;
    }

    /** The users stay: the stack's broker is discarded with its data directory, and a SCRAM user holds nothing. */
    @Override
    public void close() {
    }

    private void upsert(Credential credential) throws Exception {
        Properties properties = new Properties();
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        try (Admin plain = Admin.create(properties)) {
            plain.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(credential.username(),
                    new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), credential.password()))).all().get();
        }
    }
}
