package dev.rotor.target.mysql;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;

import org.mariadb.jdbc.Driver;

import dev.rotor.target.Credential;
import dev.rotor.target.Failures;
import dev.rotor.target.LoginResult;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;
import dev.rotor.target.Violation;

/**
 * MySQL 8 and MariaDB 10.6+ users, through MariaDB Connector/J (which speaks to both). An account is
 * {@code 'user'@'host'}: the target's role is the user, {@code accountHost} the host part ('%' by default).
 * The admin needs the CREATE USER privilege (or UPDATE on the mysql schema) to change another user's password.
 */
public final class MysqlKind implements TargetKind {

    public static final String TYPE = "mysql";
    static final String DATABASE = "database";
    static final String ACCOUNT_HOST = "accountHost";
    private static final String ANY_HOST = "%";
    /** MySQL 8 allows 32 characters in a user name, MariaDB 80: the stricter one, so a target works on both. */
    private static final int MAX_USER = 32;

    private final Driver driver = new Driver();
    private final Timeouts timeouts;

    public MysqlKind(Timeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> properties() {
        return Set.of(DATABASE, ACCOUNT_HOST);
    }

    @Override
    public boolean needsAdmin() {
        return true;
    }

    @Override
    public List<Violation> validate(TargetSpec target) {
        List<Violation> violations = new ArrayList<>();
        if (target.account().length() > MAX_USER) {
            violations.add(new Violation("role", "MySQL user names have at most " + MAX_USER + " characters"));
        }
        target.property(DATABASE).filter(database -> database.length() > 64 || database.contains("/")).ifPresent(database ->
                violations.add(new Violation(DATABASE, "a MySQL database name has at most 64 characters and no '/'")));
        return violations;
    }

    @Override
    public String loginCheck() {
        return "mysql login + SELECT CURRENT_USER()";
    }

    @Override
    public LoginResult login(TargetSpec target, Credential credential) {
        try (Connection connection = connect(target, credential);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT CURRENT_USER()")) {
            result.next();
            // user@host, as the server matched the login: the user is everything before the last '@'.
            String currentUser = result.getString(1);
            String user = currentUser.substring(0, Math.max(0, currentUser.lastIndexOf('@')));
            if (!credential.username().equals(user)) {
                return LoginResult.failed(LoginResult.Status.OTHER, "logged in to " + target.describe() + " as '"
                        + credential.username() + "' but the server matched account '" + currentUser + "' (an anonymous or"
                        + " proxy account shadows the user): drop it or set accountHost");
            }
            return LoginResult.accepted();
        } catch (SQLException e) {
            return LoginResult.failed(MysqlFailures.status(e), MysqlFailures.describe("login to", target, e, credential.password()));
        }
    }

    @Override
    public void setCredential(TargetSpec target, Credential admin, Credential next) {
        try (Connection connection = connect(target, admin);
                // Client-side prepared (the driver's default): user, host and password are quoted by the driver,
                // never concatenated into the statement.
                PreparedStatement alter = connection.prepareStatement("ALTER USER ?@? IDENTIFIED BY ?")) {
            alter.setString(1, next.username());
            alter.setString(2, target.property(ACCOUNT_HOST).orElse(ANY_HOST));
            alter.setString(3, next.password());
            alter.execute();
        } catch (SQLException e) {
            String detail = MysqlFailures.describe("changing the password of '" + next.username() + "' as '" + admin.username()
                    + "' on", target, e, next.password());
            throw Failures.ofChange(MysqlFailures.status(e), detail, "check that the admin logs in and holds CREATE USER", e);
        }
    }

    private Connection connect(TargetSpec target, Credential credential) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", credential.username());
        properties.setProperty("password", credential.password());
        properties.setProperty("connectTimeout", String.valueOf(timeouts.connect().toMillis()));
        properties.setProperty("socketTimeout", String.valueOf(timeouts.io().toMillis()));
        // MySQL 8's caching_sha2_password over a connection without TLS needs the server's RSA key.
        properties.setProperty("allowPublicKeyRetrieval", "true");
        properties.setProperty("useServerPrepStmts", "false");
        return driver.connect(jdbcUrl(target), properties);
    }

    // Host and port were validated as such (TargetKinds), the database has no '/': nothing can add a URL parameter.
    private static String jdbcUrl(TargetSpec target) {
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        return "jdbc:mariadb://" + host + ":" + target.port() + "/" + target.property(DATABASE).map(MysqlKind::encoded).orElse("");
    }

    private static String encoded(String database) {
        return URLEncoder.encode(database, StandardCharsets.UTF_8);
    }
}
