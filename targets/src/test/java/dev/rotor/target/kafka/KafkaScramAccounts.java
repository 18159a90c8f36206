package dev.rotor.target.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rotor.stack.EmbeddedKafka;
import dev.rotor.stack.testing.RotorStack;
import dev.rotor.target.Credential;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;
import dev.rotor.target.testing.TargetAccounts;

/**
 * SCRAM-SHA-512 users of the stack's real Kafka broker, on its application SCRAM listener. The broker's administrator
 * creates them, and lets the admin login alter SCRAM credentials, as an operator sets up a cluster's first users.
 */
public final class KafkaScramAccounts implements TargetAccounts {

    private static final AtomicInteger USERS = new AtomicInteger();

    private final KafkaScramKind kind = new KafkaScramKind(Timeouts.of(Duration.ofSeconds(5)));
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final EmbeddedKafka kafka = RotorStack.kafka();
    private final Credential admin;

    public KafkaScramAccounts() {
        admin = new Credential("rotor_adm_" + suffix, TargetAccounts.newPassword());
        upsert(admin);
        kafka.scramUsers().allowCredentialChanges(admin.username());
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

    /** A login is a cluster description, which the authorizer allows every authenticated user: nothing locks a user out of it. */
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

    private void upsert(Credential credential) {
        kafka.scramUsers().upsert(Map.of(credential.username(), credential.password()));
    }
}
