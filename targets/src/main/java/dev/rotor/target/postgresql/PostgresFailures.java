package dev.rotor.target.postgresql;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.sql.SQLException;

import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

import dev.rotor.target.Failures;
import dev.rotor.target.LoginResult.Status;
import dev.rotor.target.TargetSpec;

/** What a failed PostgreSQL login means, from its SQLState and cause. */
final class PostgresFailures {

    private PostgresFailures() {
    }

    static Status status(SQLException e) {
        if (Failures.causedBy(e, SocketTimeoutException.class)) {
            return Status.TIMEOUT;
        }
        String sqlState = e.getSQLState();
        if (sqlState == null) {
            return Failures.causedBy(e, ConnectException.class) || Failures.causedBy(e, UnknownHostException.class)
                    || Failures.causedBy(e, NoRouteToHostException.class) ? Status.UNREACHABLE : Status.OTHER;
        }
        return switch (sqlState) {
            // invalid_password; invalid_authorization_specification (also "role does not exist", which a
            // freshly created role can be on a replica that has not caught up)
            case "28P01", "28000" -> Status.AUTH_FAILED;
            // insufficient_privilege: the password was accepted, e.g. "permission denied for database"
            case "42501" -> Status.PERMISSION;
            // admin_shutdown, crash_shutdown, cannot_connect_now: the server is stopping, restarting or starting
            case "57P01", "57P02", "57P03" -> Status.UNREACHABLE;
            // query_canceled: statement_timeout on the probe query
            case "57014" -> Status.TIMEOUT;
            // connection exceptions; insufficient resources (e.g. too many connections) pass by themselves
            default -> sqlState.startsWith("08") || sqlState.startsWith("53") ? Status.UNREACHABLE : Status.OTHER;
        };
    }

    /**
     * The failure for an operator: what was tried (e.g. "login to"), target, SQLState and the server's (or driver's) message. Neither
     * PostgreSQL nor pgjdbc puts the password in a message; it is scrubbed anyway, because this text
     * goes onto a topic and a future driver might (I1).
     */
    static String describe(String what, TargetSpec target, SQLException e, String password) {
        StringBuilder detail = new StringBuilder(what).append(" ").append(target.describe()).append(" failed: SQLState ")
                .append(e.getSQLState()).append(": ").append(primaryMessage(e));
        Throwable rootCause = Failures.rootCause(e);
        if (rootCause != e) {
            detail.append(" (").append(rootCause.getClass().getSimpleName()).append(": ").append(rootCause.getMessage()).append(')');
        }
        return Failures.scrub(detail.toString(), password);
    }

    // The server's primary message without the driver's additions (server file, line, routine).
    private static String primaryMessage(SQLException e) {
        ServerErrorMessage server = e instanceof PSQLException psql ? psql.getServerErrorMessage() : null;
        return server != null && server.getMessage() != null ? server.getMessage() : e.getMessage();
    }

}
