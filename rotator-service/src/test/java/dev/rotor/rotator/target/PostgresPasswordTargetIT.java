package dev.rotor.rotator.target;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.rotor.rotator.domain.Credential;
import dev.rotor.rotator.domain.LoginResult.Status;
import dev.rotor.rotator.domain.Target;
import dev.rotor.stack.PostgresSettings;
import dev.rotor.stack.testing.RotorStack;

/** The rotator's PostgreSQL side against a real server that checks passwords (scram-sha-256). */
class PostgresPasswordTargetIT {

    private static PostgresSettings pg;
    private static Credential admin;
    private final PostgresPasswordTarget postgres = new PostgresPasswordTarget(5);

    @BeforeAll
    static void server() {
        pg = RotorStack.postgres().settings();
        admin = new Credential(pg.user(), pg.password());
    }

    @Test
    void setPasswordReplacesTheRolesPassword() throws Exception {
        String role = newRole("first-password");
        Target target = target(role, pg.database());

        postgres.setPassword(target, admin, "second-password-0123456789");

        assertThat(postgres.login(target, new Credential(role, "second-password-0123456789")).status()).isEqualTo(Status.ACCEPTED);
        assertThat(postgres.login(target, new Credential(role, "first-password")).status()).isEqualTo(Status.REJECTED);
    }

    @Test
    void aRoleThatMayNotConnectStillAuthenticates() throws Exception {
        String database = "noconnect_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        exec("CREATE DATABASE " + database);
        exec("REVOKE CONNECT ON DATABASE " + database + " FROM PUBLIC");
        String role = newRole("its-password");

        assertThat(postgres.login(target(role, database), new Credential(role, "its-password")).status())
                .as("the password was accepted; only the database refused the role").isEqualTo(Status.ACCEPTED);
        assertThat(postgres.login(target(role, database), new Credential(role, "wrong")).status()).isEqualTo(Status.REJECTED);
    }

    @Test
    void aServerThatIsNotThereIsUnreachable() {
        Target nowhere = new Target("postgresql", "127.0.0.1", 1, pg.database(), "someone", "admin/pg");

        assertThat(postgres.login(nowhere, new Credential("someone", "x")).status()).isEqualTo(Status.UNREACHABLE);
    }

    @Test
    void aFailedChangeNamesTheTargetButNeverThePassword() {
        Target missing = target("role_that_does_not_exist", pg.database());

        assertThatThrownBy(() -> postgres.setPassword(missing, admin, "never-in-a-message-42"))
                .isInstanceOf(TargetException.class)
                .hasMessageContaining("role_that_does_not_exist")
                .satisfies(e -> assertThat(e.getMessage() + e.getCause().getMessage()).doesNotContain("never-in-a-message-42"));
    }

    private static Target target(String role, String database) {
        return new Target("postgresql", pg.host(), pg.port(), database, role, "admin/pg");
    }

    private static String newRole(String password) throws Exception {
        String role = "target_it_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password()); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + st.enquoteIdentifier(role, true) + " LOGIN PASSWORD " + st.enquoteLiteral(password));
        }
        return role;
    }

    private static void exec(String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password()); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }
}
