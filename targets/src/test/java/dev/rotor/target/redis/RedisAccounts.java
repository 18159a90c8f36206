package dev.rotor.target.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import dev.rotor.target.Credential;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;
import dev.rotor.target.testing.TargetAccounts;

/**
 * ACL users of a real Redis: the machine's server (127.0.0.1:6379, default user without a password, as this machine
 * and CI run it), or the one {@code ROTOR_REDIS_ROOT} (host:port) names. Accounts may PING, the admin may ACL.
 */
public final class RedisAccounts implements TargetAccounts {

    private static final HostAndPort SERVER = HostAndPort.from(Optional.ofNullable(System.getenv("ROTOR_REDIS_ROOT"))
            .orElse("127.0.0.1:6379"));

    private final RedisKind kind = new RedisKind(Timeouts.of(Duration.ofSeconds(5)));
    private final List<String> created = new ArrayList<>();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Credential admin;

    public RedisAccounts() {
        admin = new Credential("rotor_adm_" + suffix, TargetAccounts.newPassword());
        createUser(admin, "+acl");
    }

    @Override
    public TargetKind kind() {
        return kind;
    }

    @Override
    public Account newAccount() {
        Credential credential = new Credential("contract_" + created.size() + "_" + suffix, TargetAccounts.newPassword());
        createUser(credential, "+ping");
        return new Account(new TargetSpec(RedisKind.TYPE, SERVER.getHost(), SERVER.getPort(), credential.username(), "admin/redis",
                Map.of()), credential);
    }

    /** The user may no longer PING: AUTH passes, the check does not (NOPERM). */
    @Override
    public Optional<Account> lockedOut(Account account) {
        try (Jedis root = new Jedis(SERVER)) {
            root.aclSetUser(account.credential().username(), "-ping");
        }
        return Optional.of(account);
    }

    @Override
    public Credential admin() {
        return admin;
    }

    @Override
    public void close() {
        try (Jedis root = new Jedis(SERVER)) {
            root.aclDelUser(created.toArray(String[]::new));
        }
    }

    private void createUser(Credential credential, String permission) {
        created.add(credential.username());
        try (Jedis root = new Jedis(SERVER)) {
            root.aclSetUser(credential.username(), "on", ">" + credential.password(), permission);
        }
    }
}
