package dev.rotor.verifier.target;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import dev.rotor.verifier.domain.FailureCategory;
import dev.rotor.verifier.domain.LoginTarget;

/** What a failed PostgreSQL login means, from its SQLState and cause. */
final class PostgresFailures {

    private static final String REDACTED = "<redacted>";

    private PostgresFailures() {
    }

    static FailureCategory categorize(SQLException e) {
        if (causedBy(e, SocketTimeoutException.class)) {
            return FailureCategory.TIMEOUT;
        }
        String sqlState = e.getSQLState();
        if (sqlState == null) {
            return causedBy(e, ConnectException.class) || causedBy(e, UnknownHostException.class)
                    || causedBy(e, NoRouteToHostException.class) ? FailureCategory.UNREACHABLE : FailureCategory.OTHER;
        }
        return switch (sqlState) {
            // invalid_password; invalid_authorization_specification (also "role does not exist", which a
            // freshly created role can be on a replica that has not caught up)
            case "28P01", "28000" -> FailureCategory.AUTH_FAILED;
            // insufficient_privilege: the password was accepted, e.g. "permission denied for database"
            case "42501" -> FailureCategory.PERMISSION;
            // cannot_connect_now: the server is starting up or shutting down
            case "57P03" -> FailureCategory.UNREACHABLE;
            // query_canceled: statement_timeout on the probe query
            case "57014" -> FailureCategory.TIMEOUT;
            default -> sqlState.startsWith("08") ? FailureCategory.UNREACHABLE : FailureCategory.OTHER;
        };
    }

    /**
     * The failure for an operator: target, SQLState and the server's (or driver's) message. Neither
     * PostgreSQL nor pgjdbc puts the password in a message; it is scrubbed anyway, because this text
     * goes onto a topic and a future driver might (I1).
     */
    static String describe(LoginTarget target, SQLException e, String password) {
        StringBuilder detail = new StringBuilder("login to ").append(target.describe()).append(" failed: SQLState ")
                .append(e.getSQLState()).append(": ").append(primaryMessage(e));
        Throwable rootCause = rootCause(e);
        if (rootCause != e) {
            detail.append(" (").append(rootCause.getClass().getSimpleName()).append(": ").append(rootCause.getMessage()).append(')');
        }
        return password == null || password.isEmpty() ? detail.toString() : detail.toString().replace(password, REDACTED);
    }

    // The server's primary message without the driver's additions (server file, line, routine).
    private static String primaryMessage(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return server != null && server.getMessage() != null ? server.getMessage() : e.getMessage();
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }
}
