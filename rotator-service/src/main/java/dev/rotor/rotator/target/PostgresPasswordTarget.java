package dev.rotor.rotator.target;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.postgresql.PGConnection;

import dev.rotor.rotator.config.RotatorConfig;
import dev.rotor.rotator.domain.Credential;
import dev.rotor.rotator.domain.LoginResult;
import dev.rotor.rotator.domain.Target;

/** PostgreSQL login roles, single-user strategy: the role's own password changes in place. */
@ApplicationScoped
public class PostgresPasswordTarget implements CredentialTarget {

    /** invalid_password, invalid_authorization_specification: the server refused the credential. */
    private static final String INVALID_PASSWORD = "28P01";
    private static final String INVALID_AUTHORIZATION = "28000";

    private final int timeoutSeconds;

    @Inject
    PostgresPasswordTarget(RotatorConfig config) {
        this((int) Math.max(1, config.targetTimeout().toSeconds()));
    }

    public PostgresPasswordTarget(int timeoutSeconds) {
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public String type() {
        return "postgresql";
    }

    @Override
    public LoginResult login(Target target, Credential credential) {
        try (Connection ignored = connect(target, credential)) {
            return LoginResult.accepted();
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (state.equals(INVALID_PASSWORD) || state.equals(INVALID_AUTHORIZATION)) {
                return new LoginResult(LoginResult.Status.REJECTED, "login rejected (SQLState " + state + ")");
            }
            if (isTransient(state)) {
                return new LoginResult(LoginResult.Status.UNREACHABLE, "cannot reach " + target.describe() + " (SQLState " + state + ")");
            }
            // Authentication happens before authorization: any other refusal (e.g. no CONNECT privilege)
            // means the password itself was accepted.
            return LoginResult.accepted();
        }
    }

    @Override
    public void setPassword(Target target, Credential admin, String newPassword) {
        try (Connection connection = connect(target, admin)) {
            // The driver computes the SCRAM verifier locally: the plain password never reaches the
            // server, so it cannot end up in a statement log.
            connection.unwrap(PGConnection.class).alterUserPassword(target.role(), newPassword.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            String state = e.getSQLState() == null ? "" : e.getSQLState();
            if (isTransient(state)) {
                throw new TargetUnavailable("could not reach " + target.describe() + " to set its password (SQLState " + state
                        + "); retrying", e);
            }
            throw new TargetException("could not set the password of " + target.describe() + " as " + admin.username()
                    + " (SQLState " + e.getSQLState() + "): check that the admin may ALTER this role", e);
        }
    }

    /**
     * Connection failures (class 08, or none at all), a server starting or shutting down (57P01-57P03) and
     * insufficient resources (class 53) pass by themselves; everything else is the server's answer.
     */
    private static boolean isTransient(String state) {
        return state.isEmpty() || state.startsWith("08") || state.startsWith("57P") || state.startsWith("53");
    }

    private Connection connect(Target target, Credential credential) throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", credential.username());
        props.setProperty("password", credential.password());
        props.setProperty("connectTimeout", String.valueOf(timeoutSeconds));
        props.setProperty("socketTimeout", String.valueOf(timeoutSeconds));
        props.setProperty("loginTimeout", String.valueOf(timeoutSeconds));
        String database = target.database() == null ? "postgres" : target.database();
        return DriverManager.getConnection("jdbc:postgresql://" + target.host() + ":" + target.port() + "/" + database, props);
    }
}
