package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rotor.schema.RotationFailed;
import dev.rotor.target.Credential;
import dev.rotor.target.postgresql.PostgresAccounts;
import dev.rotor.target.testing.TargetAccounts.Account;

/** Two PostgreSQL roles taking turns: the store switches between them and a client that follows it never fails. */
class AlternatingUsersEndToEndIT extends EndToEndTest {

    private static final int ROTATIONS = 20;

    private static PostgresAccounts accounts;

    @BeforeAll
    static void roles() {
        accounts = new PostgresAccounts();
    }

    @AfterAll
    static void dropRoles() throws Exception {
        accounts.close();
    }

    @Test
    void aClientLoggingInWithWhateverTheStoreHoldsSeesNoFailedLoginThroughTwentyRotations() throws Exception {
        Account first = accounts.newAccount();
        Account second = accounts.newAccount();
        String secretId = register(first, second);
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger logins = new AtomicInteger();
        AtomicInteger failures = new AtomicInteger();
        Thread client = new Thread(() -> {
            while (running.get()) {
                if (logsIn(stored(secretId))) {
                    logins.incrementAndGet();
                } else {
                    failures.incrementAndGet();
                }
            }
        }, "store-following-client");
        client.start();

        try {
            for (int i = 0; i < ROTATIONS; i++) {
                String rotationId = rotations.request(secretId);
                assertThat(rotations.awaitTerminal(rotationId)).as(log.typesOf(rotationId).toString()).isEqualTo("RotationCompleted");
                assertThat(stored(secretId).username()).as("after rotation %d", i + 1)
                        .isEqualTo(i % 2 == 0 ? second.credential().username() : first.credential().username());
            }
        } finally {
            running.set(false);
            client.join();
        }

        assertThat(failures.get()).as("failed logins with the store's current value, of %d", logins.get()).isZero();
        assertThat(logins.get()).isGreaterThan(ROTATIONS);
    }

    @Test
    void aGrantMissingOnTheInactiveAccountFailsThePreCheckNamingItAndChangesNothing() throws Exception {
        Account first = accounts.newAccount();
        Account second = accounts.newAccount();
        String secretId = register(first, second);
        String grant = accounts.grantOnlyTo(first);

        String rotationId = rotations.request(secretId);

        assertThat(rotations.awaitTerminal(rotationId)).isEqualTo("RotationFailed");
        RotationFailed failed = (RotationFailed) log.of(rotationId).stream().filter(RotationFailed.class::isInstance).findFirst()
                .orElseThrow();
        assertThat(failed.getDetail()).contains(second.credential().username() + " lacks " + grant, "nothing was changed");
        assertThat(stored(secretId)).isEqualTo(first.credential());
        assertThat(logsIn(second.credential())).as("the inactive account was not touched").isTrue();
    }

    /** The first account's credential in the store, the pair registered with alternating users. */
    private static String register(Account first, Account second) throws Exception {
        String secretId = "db/alternating-" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        Fixtures.writeKv(secretId, Map.of("username", first.credential().username(), "password", first.credential().password()));
        Fixtures.writeKv(first.target().adminPath(), Map.of("username", accounts.admin().username(), "password",
                accounts.admin().password()));
        Map<String, Object> target = new LinkedHashMap<>(Map.of("type", "postgresql", "host", first.target().host(),
                "port", first.target().port(), "role", first.credential().username(), "adminSecret", first.target().adminPath()));
        target.putAll(first.target().properties());
        target.put("alternateRole", second.credential().username());
        rotations.register(Map.of("id", secretId, "class", "database", "owner", "team-e2e", "cadence", "P30D",
                "store", Map.of("mount", Fixtures.MOUNT, "path", secretId), "target", target, "strategy", "alternating-users"));
        return secretId;
    }

    private static Credential stored(String secretId) {
        try {
            JsonNode data = Fixtures.readKv(secretId).get("data");
            return new Credential(data.get("username").asText(), data.get("password").asText());
        } catch (Exception e) {
            throw new AssertionError("reading " + secretId + " from the dev Vault", e);
        }
    }

    /** As an application logs in: a new JDBC connection with what it was handed. */
    private static boolean logsIn(Credential credential) {
        try (Connection ignored = DriverManager.getConnection(Fixtures.pg().jdbcUrl(), credential.username(), credential.password())) {
            return true;
        } catch (SQLException e) {
            return false;
        }
    }
}
