package dev.rotor.target.redis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import dev.rotor.target.Credential;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetKindContract;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;

/**
 * The contract against a real Redis: the machine's server (127.0.0.1:6379, default user without a password, as
 * this machine and CI run it), or the one {@code ROTOR_REDIS_ROOT} (host:port) names. ACL users it creates are deleted after.
 */
class RedisKindTest extends TargetKindContract {

    private static final HostAndPort SERVER = HostAndPort.from(Optional.ofNullable(System.getenv("ROTOR_REDIS_ROOT"))
            .orElse("127.0.0.1:6379"));

    private final RedisKind kind = new RedisKind(Timeouts.of(Duration.ofSeconds(5)));
    private final List<String> created = new ArrayList<>();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private Credential admin;

    @BeforeAll
    void createAdmin() {
        admin = new Credential("rotor_adm_" + suffix, newPassword());
        createUser(admin, "+acl");
    }

    @AfterAll
    void deleteUsers() {
        try (Jedis root = new Jedis(SERVER)) {
            root.aclDelUser(created.toArray(String[]::new));
        }
    }

    @Override
    protected TargetKind kind() {
        return kind;
    }

    @Override
    protected Account newAccount() {
        Credential credential = new Credential("contract_" + created.size() + "_" + suffix, newPassword());
        createUser(credential, "+ping");
        return new Account(new TargetSpec(RedisKind.TYPE, SERVER.getHost(), SERVER.getPort(), credential.username(), "admin/redis",
                Map.of()), credential);
    }

    @Override
    protected Credential adminFor(Account account) {
        return admin;
    }

    private void createUser(Credential credential, String permission) {
        created.add(credential.username());
        try (Jedis root = new Jedis(SERVER)) {
            root.aclSetUser(credential.username(), "on", ">" + credential.password(), permission);
        }
    }
}
