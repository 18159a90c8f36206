package dev.rotor.verifier.target;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;

import org.postgresql.Driver;
import org.postgresql.PGProperty;

import dev.rotor.verifier.config.VerifierConfig;
import dev.rotor.verifier.domain.FailureCategory;
import dev.rotor.verifier.domain.LoginResult;
import dev.rotor.verifier.domain.LoginTarget;
import dev.rotor.verifier.domain.StagedCredential;

/** Logs in to PostgreSQL over a new JDBC connection and checks whom the session belongs to. */
@ApplicationScoped
class PostgresLoginProbe implements LoginProbe {

    static final String TYPE = "postgresql";

    // The driver itself, not DriverManager or a datasource: nothing may pool or reuse a session.
    private final Driver driver = new Driver();
    private final VerifierConfig.Probe timeouts;

    PostgresLoginProbe(VerifierConfig config) {
        this.timeouts = config.probe();
    }

    @Override
    public String targetType() {
        return TYPE;
    }

    @Override
    public String description() {
        return "postgresql login + SELECT current_user";
    }

    @Override
    public LoginResult login(LoginTarget target, StagedCredential credential) {
        try (Connection connection = driver.connect(jdbcUrl(target), connectionProperties(credential));
                Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery("SELECT current_user")) {
            result.next();
            String currentUser = result.getString(1);
            if (!target.role().equals(currentUser)) {
                return LoginResult.rejected(FailureCategory.OTHER, "logged in to " + target.describe()
                        + " but the session belongs to '" + currentUser + "': the staging entry names another user than the"
                        + " target's role; check what the rotator staged");
            }
            return LoginResult.accepted();
        } catch (SQLException e) {
            return LoginResult.rejected(PostgresFailures.categorize(e), PostgresFailures.describe(target, e, credential.password()));
        }
    }

    // Without a database the driver uses the user's name, as libpq does.
    private static String jdbcUrl(LoginTarget target) {
        String host = target.host().contains(":") ? "[" + target.host() + "]" : target.host();
        String database = target.database() == null ? "" : URLEncoder.encode(target.database(), StandardCharsets.UTF_8);
        return "jdbc:postgresql://" + host + ":" + target.port() + "/" + database;
    }

    private Properties connectionProperties(StagedCredential credential) {
        Properties properties = new Properties();
        PGProperty.USER.set(properties, credential.username());
        PGProperty.PASSWORD.set(properties, credential.password());
        PGProperty.CONNECT_TIMEOUT.set(properties, wholeSeconds(timeouts.connectTimeout()));
        PGProperty.SOCKET_TIMEOUT.set(properties, wholeSeconds(timeouts.socketTimeout()));
        PGProperty.APPLICATION_NAME.set(properties, "rotor-verifier");
        return properties;
    }

    // The driver takes whole seconds, and 0 would mean "wait forever".
    private static int wholeSeconds(Duration timeout) {
        return (int) Math.max(1, (timeout.toMillis() + 999) / 1000);
    }
}
