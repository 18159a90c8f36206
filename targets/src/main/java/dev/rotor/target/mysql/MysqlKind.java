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
import java.util.TreeSet;

import org.mariadb.jdbc.Driver;

import dev.rotor.target.AccountPrivileges;
import dev.rotor.target.Credential;
import dev.rotor.target.Failures;
import dev.rotor.target.LoginResult;
import dev.rotor.target.Strategy;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;
import dev.rotor.target.Violation;

/**
 * MySQL 8 and MariaDB 10.6+ users, through MariaDB Connector/J (which speaks to both). An account is
 * {@code 'user'@'host'}: the target's role is the user, {@code accountHost} the host part ('%' by default).
 * The admin needs the CREATE USER privilege (or UPDATE on the mysql schema) to change another user's password, and
 * SELECT on the mysql schema to compare two users' grants for alternating users.
 */
public final class MysqlKind implements TargetKind, AccountPrivileges {

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
        return Set.of(DATABASE, ACCOUNT_HOST, Strategy.ALTERNATE);
    }

    @Override
    public Set<Strategy> strategies() {
        return Set.of(Strategy.SINGLE_USER, Strategy.ALTERNATING_USERS);
    }

    /** SHOW GRANTS, each grant cut before its "TO": the grantee's name and any password hash stay out. */
    @Override
    public Set<String> privileges(TargetSpec target, Credential admin, String account) {
        try (Connection connection = connect(target, admin, "");
                PreparedStatement show = connection.prepareStatement("SHOW GRANTS FOR ?@?")) {
            show.setString(1, account);
            show.setString(2, target.property(ACCOUNT_HOST).orElse(ANY_HOST));
            Set<String> grants = new TreeSet<>();
            try (ResultSet rows = show.executeQuery()) {
                while (rows.next()) {
                    String grant = rows.getString(1);
                    int to = grant.indexOf(" TO ");
                    grants.add((to < 0 ? grant : grant.substring(0, to)) + (grant.endsWith(" WITH GRANT OPTION") ? " WITH GRANT OPTION" : ""));
                }
            }
            return grants;
        } catch (SQLException e) {
            throw Failures.ofChange(MysqlFailures.status(e), MysqlFailures.describe("reading the grants of '" + account + "' on", target,
                    e, admin.password()), "check that the admin logs in and may read the mysql schema", e);
        }
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
        try (Connection connection = connect(target, credential, target.property(DATABASE).orElse(""));
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
        // No database: ALTER USER needs none, and the account's database may be one the admin has no grant on.
        try (Connection connection = connect(target, admin, "");
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

    private Connection connect(TargetSpec target, Credential credential, String database) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", credential.username());
        properties.setProperty("password", credential.password());
        properties.setProperty("connectTimeout", String.valueOf(timeouts.connect().toMillis()));
        properties.setProperty("socketTimeout", String.valueOf(timeouts.io().toMillis()));
        // MySQL 8's caching_sha2_password over a connection without TLS needs the server's RSA key.
        properties.setProperty("allowPublicKeyRetrieval", "true");
        properties.setProperty("useServerPrepStmts", "false");
        return driver.connect(jdbcUrl(target, database), properties);
    }

    // Host and port were validated as such (TargetKinds), the database has no '/': nothing can add a URL parameter.
    private static String jdbcUrl(TargetSpec target, String database) {
        return "jdbc:mariadb://" + target.address() + "/" + URLEncoder.encode(database, StandardCharsets.UTF_8);
    }
}
