package dev.rotor.target.redis;

import java.net.SocketTimeoutException;

import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;

import dev.rotor.target.Failures;
import dev.rotor.target.LoginResult.Status;
import dev.rotor.target.TargetSpec;

/** What a failed Redis login or ACL change means, from Jedis's exception and the server's error word. */
final class RedisFailures {

    private RedisFailures() {
    }

    static Status status(JedisException e) {
        if (Failures.causedBy(e, SocketTimeoutException.class)) {
            return Status.TIMEOUT;
        }
        if (e instanceof JedisConnectionException) {
            return Status.UNREACHABLE;
        }
        String message = e.getMessage() == null ? "" : e.getMessage();
        if (e instanceof JedisAccessControlException) {
            // WRONGPASS: refused; NOPERM: logged in, but the user may not run the command.
            return message.startsWith("NOPERM") ? Status.PERMISSION : Status.AUTH_FAILED;
        }
        // LOADING: the server is loading its dataset and takes nothing yet.
        return message.startsWith("LOADING") ? Status.UNREACHABLE : Status.OTHER;
    }

    static String describe(String what, TargetSpec target, JedisException e, String password) {
        return Failures.scrub(what + " " + target.describe() + " failed: " + e.getClass().getSimpleName() + ": " + e.getMessage(), password);
    }
}
