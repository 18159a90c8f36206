package dev.rotor.stack.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;

/** PostgreSQL roles on the stack's PostgreSQL (ROTOR_PG_*), created by its admin. */
final class PostgresDemo implements DemoTarget {

    private final String host = DemoEnvironment.value("ROTOR_PG_HOST");
    private final int port = DemoEnvironment.port("ROTOR_PG_PORT");
    private final String database = DemoEnvironment.value("ROTOR_PG_DB");
    private final Login admin = new Login(DemoEnvironment.value("ROTOR_PG_USER"), DemoEnvironment.value("ROTOR_PG_PASSWORD"));

    @Override
    public String type() {
        return "postgresql";
    }

    @Override
    public Optional<String> unavailable() {
        return DemoTarget.unlessAdminLogsIn(host + ":" + port, admin, () -> connect(admin).close());
    }

    @Override
    public Login admin() {
        return admin;
    }

    @Override
    public void createAccount(Login account) throws SQLException {
        try (Connection c = connect(admin); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + st.enquoteIdentifier(account.username(), true) + " LOGIN PASSWORD " + st.enquoteLiteral(account.password()));
        }
    }

    @Override
    public Map<String, Object> connection() {
        return Map.of("host", host, "port", port, "database", database);
    }

    /** Runs statements as the admin, e.g. the grants both accounts of an alternating pair need. */
    void asAdmin(String... statements) throws SQLException {
        try (Connection c = connect(admin); Statement st = c.createStatement()) {
            for (String statement : statements) {
                st.execute(statement);
            }
        }
    }

    Connection connect(Login login) throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/" + database, login.username(), login.password());
    }
}
