package dev.rotor.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import redis.embedded.RedisServer;

/**
 * A real Redis server (6.2, from the embedded-redis jar) for {@code ./rotor up} where no {@code ROTOR_REDIS_URL} names
 * one. Its users live in an ACL file under the data directory, so that users and rotated passwords survive
 * {@code down}/{@code up}: the default user is off, and the admin {@code rotor_admin} may do everything.
 */
public final class EmbeddedRedis implements AutoCloseable {

    static final String ADMIN_USER = "rotor_admin";

    private final RedisServer server;

    private EmbeddedRedis(RedisServer server) {
        this.server = server;
    }

    /** Starts (or restarts on its existing data and users) Redis with its data under {@code dataDir}. */
    public static EmbeddedRedis start(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            Path aclFile = dataDir.resolve("users.acl");
            if (!Files.exists(aclFile)) {
                // The file holds the admin password's SHA-256 only, and only its owner may read it.
                Files.createFile(aclFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(aclFile, "user default off\nuser " + ADMIN_USER + " on #"
                        + sha256(AdminPasswords.beside(dataDir)) + " ~* &* +@all\n");
            }
            RedisServer server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("dir \"" + dataDir.toAbsolutePath() + "\"")
                    .setting("aclfile \"" + aclFile.toAbsolutePath() + "\"")
                    // ./rotor down stops a server its launcher JVM left behind by this file.
                    .setting("pidfile \"" + dataDir.resolve("redis.pid").toAbsolutePath() + "\"")
                    .build();
            server.start();
            return new EmbeddedRedis(server);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded Redis in " + dataDir + " on port " + port + ": "
                    + e.getMessage() + " (set ROTOR_REDIS_URL to use another server)", e);
        }
    }

    private static String sha256(String password) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    @Override
    public void close() throws IOException {
        server.stop();
    }
}
