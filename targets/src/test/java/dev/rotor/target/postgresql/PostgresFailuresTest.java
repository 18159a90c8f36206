package dev.rotor.target.postgresql;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.rotor.target.LoginResult.Status;
import dev.rotor.target.TargetSpec;

class PostgresFailuresTest {

    private static final TargetSpec TARGET = new TargetSpec("postgresql", "db.internal", 5432, "orders_app", "admin",
            Map.of("database", "orders"));

    @ParameterizedTest(name = "SQLState {0} -> {1}")
    @CsvSource({
            "28P01, AUTH_FAILED",
            "28000, AUTH_FAILED",
            "42501, PERMISSION",
            "08001, UNREACHABLE",
            "08006, UNREACHABLE",
            "08004, UNREACHABLE",
            "57P01, UNREACHABLE",
            "57P03, UNREACHABLE",
            "57014, TIMEOUT",
            "3D000, OTHER",
            "53300, UNREACHABLE",
            "XX000, OTHER"
    })
    void sqlStatesMapToCategories(String sqlState, Status expected) {
        assertThat(PostgresFailures.status(new SQLException("server said no", sqlState))).isEqualTo(expected);
    }

    @Test
    void aTimedOutConnectionAttemptIsATimeoutWhateverItsSqlState() {
        SQLException e = new SQLException("The connection attempt failed.", "08001", new SocketTimeoutException("connect timed out"));
        assertThat(PostgresFailures.status(e)).isEqualTo(Status.TIMEOUT);
    }

    @Test
    void networkCausesWithoutSqlStateAreUnreachable() {
        assertThat(PostgresFailures.status(new SQLException("refused", null, new ConnectException("Connection refused"))))
                .isEqualTo(Status.UNREACHABLE);
        assertThat(PostgresFailures.status(new SQLException("no host", null, new UnknownHostException("db.internal"))))
                .isEqualTo(Status.UNREACHABLE);
        assertThat(PostgresFailures.status(new SQLException("something else"))).isEqualTo(Status.OTHER);
    }

    @Test
    void theDetailNamesTargetSqlStateMessageAndRootCause() {
        SQLException e = new SQLException("The connection attempt failed.", "08001", new UnknownHostException("db.internal"));

        assertThat(PostgresFailures.describe("login to", TARGET, e, "pw-123456"))
                .isEqualTo("login to postgresql db.internal:5432/orders account 'orders_app' failed: SQLState 08001:"
                        + " The connection attempt failed. (UnknownHostException: db.internal)");
    }

    @Test
    void aPasswordInADriverMessageIsScrubbed() {
        SQLException e = new SQLException("unexpected token near 'S3cr3t-Staged-Value'", "XX000");

        String detail = PostgresFailures.describe("login to", TARGET, e, "S3cr3t-Staged-Value");

        assertThat(detail).doesNotContain("S3cr3t-Staged-Value").contains("<redacted>");
    }
}
