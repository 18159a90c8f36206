package dev.rotor.target.mysql;

import java.net.SocketTimeoutException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import dev.rotor.target.Failures;
import dev.rotor.target.LoginResult.Status;
import dev.rotor.target.TargetSpec;

/** What a failed MySQL or MariaDB login or change means, from its error code, SQLState and cause. */
final class MysqlFailures {

    /** ER_ACCESS_DENIED_ERROR: wrong password or no such user. */
    private static final int ACCESS_DENIED = 1045;
    /** ER_DBACCESS_DENIED_ERROR: the password was accepted, the database was not. */
    private static final int DATABASE_DENIED = 1044;
    /** ER_SPECIFIC_ACCESS_DENIED_ERROR: e.g. ALTER USER without CREATE USER. */
    private static final int PRIVILEGE_DENIED = 1227;
    /** ER_CON_COUNT_ERROR, ER_SERVER_SHUTDOWN: the server will take the next attempt. */
    private static final int TOO_MANY_CONNECTIONS = 1040;
    private static final int SHUTTING_DOWN = 1053;

    private MysqlFailures() {
    }

    static Status status(SQLException e) {
        if (Failures.causedBy(e, SocketTimeoutException.class) || e instanceof SQLTimeoutException) {
            return Status.TIMEOUT;
        }
        return switch (e.getErrorCode()) {
            case ACCESS_DENIED -> Status.AUTH_FAILED;
            case DATABASE_DENIED, PRIVILEGE_DENIED -> Status.PERMISSION;
            case TOO_MANY_CONNECTIONS, SHUTTING_DOWN -> Status.UNREACHABLE;
            default -> {
                String state = e.getSQLState() == null ? "" : e.getSQLState();
                boolean noConnection = state.startsWith("08") || e instanceof SQLNonTransientConnectionException
                        || e instanceof SQLTransientConnectionException;
                yield noConnection ? Status.UNREACHABLE : Status.OTHER;
            }
        };
    }

    /** What was tried, the target, error code, SQLState and the server's message, without the password. */
    static String describe(String what, TargetSpec target, SQLException e, String password) {
        String detail = what + " " + target.describe() + " failed: error " + e.getErrorCode() + ", SQLState " + e.getSQLState()
                + ": " + e.getMessage();
        return Failures.scrub(detail, password);
    }
}
