package dev.rotor.stack.demo;

import java.util.Map;
import java.util.Optional;

import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** ACL users on the stack's Redis (ROTOR_REDIS_*), created by its admin; they rotate with two passwords at once. */
final class RedisDemo implements DemoTarget {

    private final HostAndPort server = new HostAndPort(DemoEnvironment.value("ROTOR_REDIS_HOST"), DemoEnvironment.port("ROTOR_REDIS_PORT"));
    private final Login admin = new Login(DemoEnvironment.value("ROTOR_REDIS_USER"), DemoEnvironment.value("ROTOR_REDIS_PASSWORD"));

    @Override
    public String type() {
        return "redis";
    }

    @Override
    public Optional<String> unavailable() {
        return DemoTarget.unlessAdminLogsIn(server.toString(), admin, () -> {
            try (Jedis jedis = connect()) {
                jedis.ping();
            }
        });
    }

    @Override
    public Login admin() {
        return admin;
    }

    @Override
    public void createAccount(Login account) {
        try (Jedis jedis = connect()) {
            // Not saved to the ACL file yet: the first rotation saves it, as the kind saves every change.
            jedis.aclSetUser(account.username(), "on", ">" + account.password(), "+ping");
        }
    }

    @Override
    public Map<String, Object> connection() {
        return Map.of("host", server.getHost(), "port", server.getPort());
    }

    @Override
    public String strategy() {
        return "dual-passwords";
    }

    private Jedis connect() {
        return new Jedis(server, DefaultJedisClientConfig.builder().user(admin.username()).password(admin.password()).build());
    }
}
