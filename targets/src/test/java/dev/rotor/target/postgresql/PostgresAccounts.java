package dev.rotor.target.postgresql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.rotor.stack.PostgresSettings;
import dev.rotor.stack.testing.RotorStack;
import dev.rotor.target.Credential;
import dev.rotor.target.TargetKind;
import dev.rotor.target.Timeouts;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.testing.TargetAccounts;

/** Login roles of the stack's PostgreSQL, which checks passwords (SCRAM) for every role but its bootstrap superuser. */
public final class PostgresAccounts implements TargetAccounts {

    private final PostgresKind kind = new PostgresKind(Timeouts.of(Duration.ofSeconds(5)));
    private final PostgresSettings pg = RotorStack.postgres().settings();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final List<String> created = new ArrayList<>();
    private final List<String> tables = new ArrayList<>();

    @Override
    public TargetKind kind() {
        return kind;
    }

    @Override
    public Account newAccount() throws SQLException {
        String role = "contract_" + created.size() + "_" + suffix;
        String password = TargetAccounts.newPassword();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password()); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD " + st.enquoteLiteral(password));
        }
        created.add(role);
        return new Account(new TargetSpec(PostgresKind.TYPE, pg.host(), pg.port(), role, "admin/pg", Map.of("database", pg.database())),
                new Credential(role, password));
    }

    @Override
    public Optional<Account> lockedOut(Account account) throws SQLException {
        String database = "noconnect_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        exec("CREATE DATABASE " + database);
        exec("REVOKE CONNECT ON DATABASE " + database + " FROM PUBLIC");
        return Optional.of(new Account(TargetAccounts.on(account.target(), Map.of("database", database)), account.credential()));
    }

    @Override
    public Credential admin() {
        return new Credential(pg.user(), pg.password());
    }

    @Override
    public String grantOnlyTo(Account account) throws SQLException {
        String table = "only_" + account.credential().username();
        exec("CREATE TABLE " + table + " (id int)");
        tables.add(table);
        exec("GRANT SELECT ON " + table + " TO " + account.credential().username());
        return "SELECT on table public." + table;
    }

    /** Runs a statement as the admin, e.g. to take a privilege away. */
    public void exec(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password()); Statement st = c.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void close() throws SQLException {
        // The admin owns the tables: dropping them takes their grants along, so the roles can go.
        for (String table : tables) {
            exec("DROP TABLE IF EXISTS " + table);
        }
        for (String role : created) {
            exec("DROP ROLE IF EXISTS " + role);
        }
    }
}
