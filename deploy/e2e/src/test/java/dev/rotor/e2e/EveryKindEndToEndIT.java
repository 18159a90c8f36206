package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.avro.specific.SpecificRecord;

import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationRequested;
import dev.rotor.target.Credential;
import dev.rotor.target.LoginResult;
import dev.rotor.target.Strategy;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.kafka.KafkaScramAccounts;
import dev.rotor.target.mysql.MysqlAccounts;
import dev.rotor.target.postgresql.PostgresAccounts;
import dev.rotor.target.rabbitmq.RabbitmqAccounts;
import dev.rotor.target.redis.RedisAccounts;
import dev.rotor.target.testing.TargetAccounts;
import dev.rotor.target.testing.TargetAccounts.Account;

/**
 * Every kind rotated through the four services, each against its real server: PostgreSQL, MariaDB, Redis (with dual
 * passwords), RabbitMQ and a Kafka broker's SCRAM listener. Success, a verification the target refuses, and the
 * rotator SIGKILLed right after changing the target; then no credential of any kind anywhere on a topic or in a log.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class EveryKindEndToEndIT extends EndToEndTest {

    /** A kind's accounts and the strategy its secrets rotate with. */
    record Kind(String name, TargetAccounts accounts, Strategy strategy) {

        @Override
        public String toString() {
            return name + " (" + strategy.id() + ")";
        }
    }

    private static List<Kind> kinds;
    private static final Set<String> PASSWORDS = new HashSet<>();

    @BeforeAll
    static void servers() throws Exception {
        kinds = List.of(new Kind("postgresql", new PostgresAccounts(), Strategy.SINGLE_USER),
                new Kind("mysql", new MysqlAccounts(), Strategy.SINGLE_USER),
                new Kind("redis", new RedisAccounts(), Strategy.DUAL_PASSWORDS),
                new Kind("rabbitmq", new RabbitmqAccounts(), Strategy.SINGLE_USER),
                new Kind("kafka-scram", new KafkaScramAccounts(), Strategy.SINGLE_USER));
        for (Kind kind : kinds) {
            PASSWORDS.add(kind.accounts().admin().password());
        }
    }

    @AfterAll
    static void removeAccounts() throws Exception {
        for (Kind kind : kinds) {
            kind.accounts().close();
        }
    }

    static List<Kind> kinds() {
        return kinds;
    }

    @Order(1)
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aRotationCompletesAndOnlyTheNewPasswordLogsIn(Kind kind) throws Exception {
        Account account = kind.accounts().newAccount();
        String secretId = register(kind, account);

        String rotationId = rotations.request(secretId);

        assertThat(rotations.awaitTerminal(rotationId)).as(log.typesOf(rotationId).toString()).isEqualTo("RotationCompleted");
        System.out.printf("rotor-measure: one %s rotation (%s), request to RotationCompleted: %d ms%n", kind.name(),
                kind.strategy().id(), durationMs(rotationId));
        Credential stored = stored(secretId);
        assertThat(stored.password()).isNotEqualTo(account.credential().password());
        assertThat(kind.accounts().kind().login(account.target(), stored)).as("the store's new value").isEqualTo(LoginResult.accepted());
        assertThat(kind.accounts().kind().login(account.target(), account.credential()).status())
                .as("the old value, once the rotation completed").isEqualTo(LoginResult.Status.AUTH_FAILED);
        PASSWORDS.add(stored.password());
        PASSWORDS.add(account.credential().password());
    }

    @Order(2)
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aVerificationTheTargetRefusesIsRolledBackAndTheStoredPasswordStillLogsIn(Kind kind) throws Exception {
        Account account = kind.accounts().newAccount();
        PASSWORDS.add(account.credential().password());
        Optional<Account> locked = kind.accounts().lockedOut(account);
        if (locked.isEmpty()) {
            assertThat(kind.name()).as("only a target without authorization cannot refuse a verification").isEqualTo("kafka-scram");
            return;
        }
        String secretId = register(kind, locked.get());

        String rotationId = rotations.request(secretId);

        assertThat(rotations.awaitTerminal(rotationId)).as(log.typesOf(rotationId).toString()).isEqualTo("RotationRolledBack");
        assertThat(log.typesOf(rotationId)).contains("VerificationFailed");
        assertThat(stored(secretId)).isEqualTo(account.credential());
        assertThat(kind.accounts().kind().login(locked.get().target(), account.credential()).credentialAccepted())
                .as("the stored value still logs in after the rollback").isTrue();
    }

    @Order(3)
    @ParameterizedTest(name = "{0}")
    @MethodSource("kinds")
    void aRotatorKilledRightAfterChangingTheTargetIsFinishedWhenItComesBack(Kind kind) throws Exception {
        Account account = kind.accounts().newAccount();
        String secretId = register(kind, account);
        ServiceProcess rotator = services.get(RotorServices.ROTATOR);
        rotator.arm("AFTER_SET");

        String rotationId = rotations.request(secretId);
        await().atMost(Duration.ofSeconds(60)).until(() -> rotator.logContains("rotator paused at AFTER_SET rotation=" + rotationId));
        rotator.kill();
        rotator.start(Map.of());

        assertThat(rotations.awaitTerminal(rotationId)).as(log.typesOf(rotationId).toString()).isEqualTo("RotationCompleted");
        Credential stored = stored(secretId);
        assertThat(kind.accounts().kind().login(account.target(), stored)).isEqualTo(LoginResult.accepted());
        assertThat(kind.accounts().kind().login(account.target(), account.credential()).status())
                .isEqualTo(LoginResult.Status.AUTH_FAILED);
        PASSWORDS.add(stored.password());
        PASSWORDS.add(account.credential().password());
    }

    @Order(4)
    @Test
    void noCredentialOfAnyKindAppearsInAnyTopicOrServiceLog() throws Exception {
        assertThat(PASSWORDS).hasSizeGreaterThan(kinds.size() * 3);
        LeakScan.assertNowhere(PASSWORDS, services.all());
    }

    /** Stores the account's credential and the kind's admin, and registers the secret as an operator would. */
    private static String register(Kind kind, Account account) throws Exception {
        TargetSpec target = account.target();
        String secretId = "db/" + kind.name() + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Fixtures.writeKv(secretId, Map.of("username", account.credential().username(), "password", account.credential().password()));
        Credential admin = kind.accounts().admin();
        Fixtures.writeKv(target.adminPath(), Map.of("username", admin.username(), "password", admin.password()));
        Map<String, Object> targetFields = new LinkedHashMap<>(Map.of("type", target.type(), "host", target.host(),
                "port", target.port(), "role", target.account(), "adminSecret", target.adminPath()));
        targetFields.putAll(target.properties());
        rotations.register(Map.of("id", secretId, "class", "database", "owner", "team-e2e", "cadence", "P30D",
                "store", Map.of("mount", Fixtures.MOUNT, "path", secretId), "target", targetFields,
                "strategy", kind.strategy().id()));
        return secretId;
    }

    /** From the request's event time to the completion's, as the services stamped them. */
    private static long durationMs(String rotationId) {
        List<SpecificRecord> events = log.of(rotationId);
        Instant requested = events.stream().filter(RotationRequested.class::isInstance).map(e -> ((RotationRequested) e).getOccurredAt())
                .findFirst().orElseThrow();
        Instant completed = events.stream().filter(RotationCompleted.class::isInstance).map(e -> ((RotationCompleted) e).getOccurredAt())
                .findFirst().orElseThrow();
        return Duration.between(requested, completed).toMillis();
    }

    private static Credential stored(String secretId) throws Exception {
        JsonNode data = Fixtures.readKv(secretId).get("data");
        return new Credential(data.get("username").asText(), data.get("password").asText());
    }
}
