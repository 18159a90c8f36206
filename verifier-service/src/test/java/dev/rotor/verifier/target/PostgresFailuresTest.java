package dev.rotor.verifier.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.rotor.verifier.domain.FailureCategory;
import dev.rotor.verifier.domain.LoginTarget;

class PostgresFailuresTest {

    private static final LoginTarget TARGET = new LoginTarget("postgresql", "db.internal", 5432, "orders", "orders_app");

    @ParameterizedTest(name = "SQLState {0} -> {1}")
    @CsvSource({
            "28P01, AUTH_FAILED",
            "28000, AUTH_FAILED",
            "42501, PERMISSION",
            "08001, UNREACHABLE",
            "08006, UNREACHABLE",
            "08004, UNREACHABLE",
            "57P03, UNREACHABLE",
            "57014, TIMEOUT",
            "3D000, OTHER",
            "53300, OTHER",
            "XX000, OTHER"
    })
    void sqlStatesMapToCategories(String sqlState, FailureCategory expected) {
        assertThat(PostgresFailures.categorize(new SQLException("server said no", sqlState))).isEqualTo(expected);
    }

    @Test
    void aTimedOutConnectionAttemptIsATimeoutWhateverItsSqlState() {
        SQLException e = new SQLException("The connection attempt failed.", "08001", new SocketTimeoutException("connect timed out"));
        assertThat(PostgresFailures.categorize(e)).isEqualTo(FailureCategory.TIMEOUT);
    }

    @Test
    void networkCausesWithoutSqlStateAreUnreachable() {
        assertThat(PostgresFailures.categorize(new SQLException("refused", null, new ConnectException("Connection refused"))))
                .isEqualTo(FailureCategory.UNREACHABLE);
        assertThat(PostgresFailures.categorize(new SQLException("no host", null, new UnknownHostException("db.internal"))))
                .isEqualTo(FailureCategory.UNREACHABLE);
        assertThat(PostgresFailures.categorize(new SQLException("something else"))).isEqualTo(FailureCategory.OTHER);
    }

    @Test
    void theDetailNamesTargetSqlStateMessageAndRootCause() {
        SQLException e = new SQLException("The connection attempt failed.", "08001", new UnknownHostException("db.internal"));

        assertThat(PostgresFailures.describe(TARGET, e, "pw-123456"))
                .isEqualTo("login to postgresql db.internal:5432/orders as role 'orders_app' failed: SQLState 08001:"
                        + " The connection attempt failed. (UnknownHostException: db.internal)");
    }

    @Test
    void aPasswordInADriverMessageIsScrubbed() {
        SQLException e = new SQLException("unexpected token near 'S3cr3t-Staged-Value'", "XX000");

        String detail = PostgresFailures.describe(TARGET, e, "S3cr3t-Staged-Value");

        assertThat(detail).doesNotContain("S3cr3t-Staged-Value").contains("<redacted>");
    }
}
