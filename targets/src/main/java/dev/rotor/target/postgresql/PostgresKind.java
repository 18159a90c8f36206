package dev.rotor.target.postgresql;

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

import org.postgresql.Driver;
import org.postgresql.PGConnection;
import org.postgresql.PGProperty;

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
 * PostgreSQL login roles. The admin (a superuser or a role with CREATEROLE over the account) changes the password.
 * With alternating users, the two roles' attributes, memberships, object and default privileges must be equal.
 */
public final class PostgresKind implements TargetKind, AccountPrivileges {

    public static final String TYPE = "postgresql";
    static final String DATABASE = "database";
    /** Every cluster has it; a role without CONNECT on it still proves its password (PERMISSION). */
    static final String DEFAULT_DATABASE = "postgres";
    private static final int MAX_IDENTIFIER = 63;
    /**
     * What a role holds, one line each, without its own name: attributes, memberships, and the grants in the
     * ACLs of the current database's relations, schemas and default privileges, and of every database.
     */
    private static final String PRIVILEGES = """
            WITH r AS (SELECT * FROM pg_roles WHERE rolname = ?)
            SELECT 'attributes ' || concat_ws(',', CASE WHEN rolsuper THEN 'SUPERUSER' END,
                   CASE WHEN rolcreaterole THEN 'CREATEROLE' END, CASE WHEN rolcreatedb THEN 'CREATEDB' END,
                   CASE WHEN NOT rolinherit THEN 'NOINHERIT' END, CASE WHEN rolbypassrls THEN 'BYPASSRLS' END) FROM r
            UNION SELECT 'member of ' || g.rolname FROM pg_auth_members m JOIN pg_roles g ON g.oid = m.roleid, r
                  WHERE m.member = r.oid
            UNION SELECT a.privilege_type || ' on ' || CASE c.relkind WHEN 'S' THEN 'sequence ' ELSE 'table ' END
                  || n.nspname || '.' || c.relname
                  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace, aclexplode(c.relacl) a, r
                  WHERE a.grantee = r.oid
            UNION SELECT a.privilege_type || ' on schema ' || n.nspname FROM pg_namespace n, aclexplode(n.nspacl) a, r
                  WHERE a.grantee = r.oid
            UNION SELECT a.privilege_type || ' on database ' || d.datname FROM pg_database d, aclexplode(d.datacl) a, r
                  WHERE a.grantee = r.oid
            UNION SELECT 'default ' || a.privilege_type || ' on new ' || d.defaclobjtype || ' of ' || pg_get_userbyid(d.defaclrole)
                  || coalesce(' in schema ' || n.nspname, '')
                  FROM pg_default_acl d LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace, aclexplode(d.defaclacl) a, r
                  WHERE a.grantee = r.oid
            """;

    // The driver itself, not DriverManager or a pool: nothing may reuse a session.
    private final Driver driver = new Driver();
    private final Timeouts timeouts;

    public PostgresKind(Timeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<String> properties() {
        return Set.of(DATABASE, Strategy.ALTERNATE);
    }

    @Override
    public Set<Strategy> strategies() {
        return Set.of(Strategy.SINGLE_USER, Strategy.ALTERNATING_USERS);
    }

    @Override
    public List<Violation> validate(TargetSpec target) {
        List<Violation> violations = new ArrayList<>();
        if (target.account().length() > MAX_IDENTIFIER) {
            violations.add(new Violation("role", "PostgreSQL role names have at most " + MAX_IDENTIFIER + " bytes"));
        }
        target.property(DATABASE).filter(database -> database.length() > MAX_IDENTIFIER).ifPresent(database ->
                violations.add(new Violation(DATABASE, "PostgreSQL database names have at most " + MAX_IDENTIFIER + " bytes")));
        return violations;
    }

    @Override
    public String loginCheck() {
        return "postgresql login + SELECT current_user";
    }

    @Override
    public LoginResult login(TargetSpec target, Credential credential) {
        try (Connection connection = connect(target, credential);
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_user")) {
            result.next();
            String currentUser = result.getString(1);
            if (!credential.username().equals(currentUser)) {
                return LoginResult.failed(LoginResult.Status.OTHER, "logged in to " + target.describe() + " as '"
                        + credential.username() + "' but the session belongs to '" + currentUser + "': check the role's"
                        + " SET ROLE or SESSION AUTHORIZATION defaults");
            }
            return LoginResult.accepted();
        } catch (SQLException e) {
            return LoginResult.failed(PostgresFailures.status(e), PostgresFailures.describe("login to", target, e, credential.password()));
        }
    }

    @Override
    public void setCredential(TargetSpec target, Credential admin, Credential next) {
        try (Connection connection = connect(target, admin)) {
            // The driver computes the SCRAM verifier locally: the plain password never reaches the
            // server, so it cannot end up in a statement log.
            connection.unwrap(PGConnection.class).alterUserPassword(next.username(), next.password().toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            String detail = PostgresFailures.describe("changing the password of '" + next.username() + "' as '" + admin.username()
                    + "' on", target, e, next.password());
            throw Failures.ofChange(PostgresFailures.status(e), detail, "check that the admin logs in and may ALTER ROLE this role", e);
        }
    }

    @Override
    public Set<String> privileges(TargetSpec target, Credential admin, String account) {
        try (Connection connection = connect(target, admin); PreparedStatement query = connection.prepareStatement(PRIVILEGES)) {
            query.setString(1, account);
            Set<String> privileges = new TreeSet<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    privileges.add(rows.getString(1));
                }
            }
            return privileges;
        } catch (SQLException e) {
            throw Failures.ofChange(PostgresFailures.status(e), PostgresFailures.describe("reading the privileges of '" + account
                    + "' on", target, e, admin.password()), "check that the admin logs in and may read the catalogs", e);
        }
    }

    private Connection connect(TargetSpec target, Credential credential) throws SQLException {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, credential.username());
        PGProperty.PASSWORD.set(properties, credential.password());
        PGProperty.CONNECT_TIMEOUT.set(properties, Timeouts.wholeSeconds(timeouts.connect()));
        PGProperty.LOGIN_TIMEOUT.set(properties, Timeouts.wholeSeconds(timeouts.connect()));
        PGProperty.SOCKET_TIMEOUT.set(properties, Timeouts.wholeSeconds(timeouts.io()));
        PGProperty.APPLICATION_NAME.set(properties, "rotor");
        return driver.connect(jdbcUrl(target), properties);
    }

    // Host and port were validated as such (TargetKinds); the database is encoded, so no URL parameter can ride along.
    private static String jdbcUrl(TargetSpec target) {
        String database = URLEncoder.encode(target.property(DATABASE).orElse(DEFAULT_DATABASE), StandardCharsets.UTF_8);
        return "jdbc:postgresql://" + target.address() + "/" + database;
    }
}
