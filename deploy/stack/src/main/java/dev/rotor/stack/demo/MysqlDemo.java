package dev.rotor.stack.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

/** MariaDB/MySQL users on the stack's MariaDB (ROTOR_MYSQL_*), created by its admin. */
final class MysqlDemo implements DemoTarget {

    private final String host = DemoEnvironment.value("ROTOR_MYSQL_HOST");
    private final int port = DemoEnvironment.port("ROTOR_MYSQL_PORT");
    private final Login admin = new Login(DemoEnvironment.value("ROTOR_MYSQL_USER"), DemoEnvironment.value("ROTOR_MYSQL_PASSWORD"));

    @Override
    public String type() {
        return "mysql";
    }

    @Override
    public Optional<String> unavailable() {
        return DemoTarget.unlessAdminLogsIn(host + ":" + port, admin, () -> connect().close());
    }

    @Override
    public Login admin() {
        return admin;
    }

    @Override
    public void createAccount(Login account) throws SQLException {
        try (Connection c = connect(); PreparedStatement create = c.prepareStatement("CREATE USER ?@'%' IDENTIFIED BY ?")) {
            create.setString(1, account.username());
            create.setString(2, account.password());
            create.execute();
        }
    }

    @Override
    public Map<String, Object> connection() {
        return Map.of("host", host, "port", port);
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/", admin.username(), admin.password());
    }
}
