package dev.rotor.target.redis;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.resps.AccessControlUser;

import dev.rotor.target.Credential;
import dev.rotor.target.DualPasswords;
import dev.rotor.target.Failures;
import dev.rotor.target.LoginResult;
import dev.rotor.target.Strategy;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;
import dev.rotor.target.Violation;

/**
 * Redis 6+ ACL users. The admin needs {@code +acl} (e.g. the default user, or {@code ACL SETUSER rotor on >… +acl});
 * the account needs {@code +ping} for the login check. With {@link Strategy#DUAL_PASSWORDS} the new password is
 * added beside the old one, which goes only once the store holds the new one: Redis's own zero-downtime rotation.
 */
public final class RedisKind implements TargetKind, DualPasswords {

    public static final String TYPE = "redis";
    /** ACL user names are free text to Redis; these are the ones a rule argument cannot misread. */
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private final Timeouts timeouts;

    public RedisKind(Timeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public Set<Strategy> strategies() {
        return Set.of(Strategy.SINGLE_USER, Strategy.DUAL_PASSWORDS);
    }

    @Override
    public List<Violation> validate(TargetSpec target) {
        return USER_NAME.matcher(target.account()).matches() ? List.of()
                : List.of(new Violation("role", "a Redis ACL user name here is 1-128 letters, digits, '.', '_', ':' or '-'"));
    }

    @Override
    public String loginCheck() {
        return "redis AUTH + PING";
    }

    @Override
    public LoginResult login(TargetSpec target, Credential credential) {
        // AUTH with a user name authenticates as exactly that user: no other session can answer.
        try (Jedis jedis = connect(target, credential)) {
            jedis.ping();
            return LoginResult.accepted();
        } catch (JedisException e) {
            return LoginResult.failed(RedisFailures.status(e), RedisFailures.describe("login to", target, e, credential.password()));
        }
    }

    /** Single-user: the account's passwords become exactly {@code next}'s. */
    @Override
    public void setCredential(TargetSpec target, Credential admin, Credential next) {
        change(target, admin, next, "setting the password of", jedis -> jedis.aclSetUser(next.username(), "resetpass", ">" + next.password()));
    }

    @Override
    public void addPassword(TargetSpec target, Credential admin, Credential next) {
        change(target, admin, next, "adding a password to", jedis -> jedis.aclSetUser(next.username(), ">" + next.password()));
    }

    @Override
    public void removePassword(TargetSpec target, Credential admin, Credential old) {
        change(target, admin, old, "removing a password from", jedis -> {
            // Redis refuses to remove a password the user does not have: ask first, so a repeated step is harmless.
            AccessControlUser user = jedis.aclGetUser(old.username());
            if (user != null && user.getPassword().contains(sha256(old.password()))) {
                jedis.aclSetUser(old.username(), "<" + old.password());
            }
        });
    }

    private void change(TargetSpec target, Credential admin, Credential subject, String what, Consumer<Jedis> change) {
        try (Jedis jedis = connect(target, admin)) {
            change.accept(jedis);
            persist(jedis);
        } catch (JedisException e) {
            String detail = RedisFailures.describe(what + " '" + subject.username() + "' as '" + admin.username() + "' on", target, e,
                    subject.password());
            throw Failures.ofChange(RedisFailures.status(e), Failures.scrub(detail, admin.password()),
                    "check that the admin logs in and holds +acl", e);
        }
    }

    // A server that keeps its users in an ACL file reloads that file when it restarts: unsaved, the rotated-away
    // password would come back. Users defined in redis.conf need CONFIG REWRITE, which Rotor leaves to the operator.
    private static void persist(Jedis jedis) {
        try {
            jedis.aclSave();
        } catch (JedisDataException e) {
            if (e.getMessage() == null || !e.getMessage().contains("not configured to use an ACL file")) {
                throw e;
            }
        }
    }

    private Jedis connect(TargetSpec target, Credential credential) {
        DefaultJedisClientConfig config = DefaultJedisClientConfig.builder()
                .user(credential.username())
                .password(credential.password())
                .connectionTimeoutMillis((int) timeouts.connect().toMillis())
                .socketTimeoutMillis((int) timeouts.io().toMillis())
                .clientName("rotor")
                .build();
        return new Jedis(new HostAndPort(target.host(), target.port()), config);
    }

    /** How Redis lists an ACL user's passwords: SHA-256, hex. */
    private static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
