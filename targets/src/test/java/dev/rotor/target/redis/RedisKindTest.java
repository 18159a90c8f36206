package dev.rotor.target.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

import dev.rotor.stack.EmbeddedRedis;
import dev.rotor.stack.testing.Ports;
import dev.rotor.target.Credential;
import dev.rotor.target.LoginResult;
import dev.rotor.target.TargetKindContract;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;
import dev.rotor.target.testing.TargetAccounts;

class RedisKindTest extends TargetKindContract {

    private final RedisAccounts accounts = new RedisAccounts();

    RedisKindTest() throws Exception {
    }

    @Override
    protected TargetAccounts accounts() {
        return accounts;
    }

    /** A server that reloads its ACL file at start would otherwise bring the rotated-away password back. */
    @Test
    void aServerWithAnAclFileKeepsTheNewPasswordAcrossARestart(@TempDir Path dataDir) throws Exception {
        int port = Ports.free();
        Path redis = dataDir.resolve("redis");
        RedisKind kind = new RedisKind(Timeouts.of(Duration.ofSeconds(5)));
        TargetSpec target = new TargetSpec(RedisKind.TYPE, "127.0.0.1", port, "app", "admin/redis", Map.of());
        Credential next = new Credential("app", TargetAccounts.newPassword());
        try (EmbeddedRedis first = EmbeddedRedis.start(redis, port)) {
            Credential admin = new Credential("rotor_admin", Files.readString(dataDir.resolve("redis-admin.password")).trim());
            try (Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", port),
                    DefaultJedisClientConfig.builder().user(admin.username()).password(admin.password()).build())) {
                jedis.aclSetUser("app", "on", ">" + TargetAccounts.newPassword(), "+ping");
            }
            kind.setCredential(target, admin, next);
        }
        try (EmbeddedRedis second = EmbeddedRedis.start(redis, port)) {
            assertThat(kind.login(target, next).status()).isEqualTo(LoginResult.Status.ACCEPTED);
        }
    }
}
