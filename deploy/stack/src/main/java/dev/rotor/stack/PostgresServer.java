package dev.rotor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * The PostgreSQL server that rotations target: an external one when {@code ROTOR_PG_URL} names it,
 * otherwise an embedded PostgreSQL whose TCP logins are all checked with scram-sha-256, the superuser's
 * too, so that a rotated-away password really stops working. (Trust authentication would accept any
 * password and make every verification meaningless.)
 */
public final class PostgresServer implements AutoCloseable {

    static final String ADMIN_ROLE = "rotor_admin";
    static final String DATABASE = "rotor";

    private static final String SUPERUSER = "postgres";

    /** Every login's password checked, over TCP and the Unix socket, the superuser's too. */
    private static final String HBA_CHECKED = """
            # Written by Rotor's local stack. Every login's password is checked, the superuser's too.
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;

    /** The first start only, until the superuser has a password: then {@link #HBA_CHECKED} replaces it. */
    private static final String HBA_BOOTSTRAP = """
            # Written by Rotor's local stack for its first start: the superuser logs in once to get a password.
            host  all postgres 127.0.0.1/32 trust
            local all all scram-sha-256
            host  all all 127.0.0.1/32 scram-sha-256
            host  all all ::1/128 scram-sha-256
            """;

    private final PostgresSettings settings;
    private final Path dataDir;
    private EmbeddedPostgres embedded;

    private PostgresServer(PostgresSettings settings, EmbeddedPostgres embedded, Path dataDir) {
        this.dataDir = dataDir;
        this.settings = settings;
        this.embedded = embedded;
    }

    /** The server named by {@code ROTOR_PG_URL}/{@code ROTOR_PG_USER}/{@code ROTOR_PG_PASSWORD}, if set. */
    public static PostgresServer external(String jdbcUrl, String user, String password) {
        PostgresSettings settings = PostgresSettings.fromJdbcUrl(jdbcUrl, user, password);
        try (Connection ignored = DriverManager.getConnection(settings.jdbcUrl(), user, password)) {
            return new PostgresServer(settings, null, null);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to PostgreSQL at " + settings.host() + ":" + settings.port()
                    + " as " + user + " (from ROTOR_PG_URL/ROTOR_PG_USER): " + e.getMessage(), e);
        }
    }

    /**
     * Starts (or restarts on its existing data) an embedded PostgreSQL in {@code dataDir}. The admin
     * role's password is generated once and kept beside the data, so a restart keeps it.
     */
    public static PostgresServer embedded(Path dataDir, int port) {
        try {
            Files.createDirectories(dataDir);
            Path hbaFile = hbaFile(dataDir);
            boolean bootstrapped = Files.exists(hbaFile) && Files.readString(hbaFile).equals(HBA_CHECKED);
            if (!bootstrapped) {
                Files.writeString(hbaFile, HBA_BOOTSTRAP);
            }
            String superuserPassword = AdminPasswords.beside(dataDir, "superuser");
            EmbeddedPostgres pg = launch(dataDir, port, hbaFile, superuserPassword);
            PostgresSettings settings = new PostgresSettings("127.0.0.1", port, ADMIN_ROLE, AdminPasswords.beside(dataDir), DATABASE);
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", SUPERUSER,
                    superuserPassword)) {
                bootstrapAdmin(c, settings, superuserPassword);
                if (!bootstrapped) {
                    // Only now that the superuser has a password may its TCP logins be checked too.
                    Files.writeString(hbaFile, HBA_CHECKED);
                    c.createStatement().execute("SELECT pg_reload_conf()");
                }
            } catch (SQLException e) {
                throw new IllegalStateException("Could not create the admin role in the embedded PostgreSQL: " + e.getMessage(), e);
            }
            return new PostgresServer(settings, pg, dataDir);
        } catch (IOException e) {
            throw new IllegalStateException("Could not start the embedded PostgreSQL in " + dataDir + " on port " + port
                    + ": " + e.getMessage() + " (set ROTOR_PG_URL to use another server)", e);
        }
    }

    public PostgresSettings settings() {
        return settings;
    }

    /**
     * SIGKILLs the embedded server's postmaster and every backend, as a crashed host would: no checkpoint, sessions cut
     * mid-statement; {@link #startAgain} then recovers from the write-ahead log. Fault tests only.
     */
    public synchronized void kill() throws IOException {
        if (embedded == null) {
            return;
        }
        long pid = Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).trim());
        ProcessHandle postmaster = ProcessHandle.of(pid)
                .orElseThrow(() -> new IllegalStateException("the embedded PostgreSQL's postmaster " + pid + " is not running"));
        List<ProcessHandle> processes = Stream.concat(Stream.of(postmaster), postmaster.descendants()).toList();
        processes.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle process : processes) {
            try {
                process.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while PostgreSQL process " + process.pid() + " was being killed", e);
            } catch (ExecutionException | TimeoutException e) {
                throw new IOException("PostgreSQL process " + process.pid() + " did not die of SIGKILL within 10 s", e);
            }
        }
        // Releases the data directory's lock; its pg_ctl stop finds no server and says so in the log.
        embedded.close();
        embedded = null;
    }

    /** Starts the embedded server on its port and data again. */
    public synchronized void startAgain() throws IOException {
        if (dataDir == null) {
            throw new IllegalStateException("an external PostgreSQL (ROTOR_PG_URL) is not Rotor's to restart");
        }
        if (embedded == null) {
            embedded = launch(dataDir, settings.port(), hbaFile(dataDir), AdminPasswords.beside(dataDir, "superuser"));
        }
    }

    /** Stops the embedded server (fast shutdown: open sessions are terminated), keeping its data. */
    @Override
    public synchronized void close() throws IOException {
        if (embedded != null) {
            embedded.close();
            embedded = null;
        }
    }

    /** The superuser's password is what the library's own start-up check logs in with. */
    private static EmbeddedPostgres launch(Path dataDir, int port, Path hbaFile, String superuserPassword) throws IOException {
        return EmbeddedPostgres.builder()
                .setConnectConfig("password", superuserPassword)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                .setServerConfig("hba_file", hbaFile.toAbsolutePath().toString())
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("max_connections", "200")
                .start();
    }

    private static Path hbaFile(Path dataDir) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-pg_hba.conf");
    }

    private static void bootstrapAdmin(Connection c, PostgresSettings settings, String superuserPassword) throws SQLException {
        try (Statement st = c.createStatement()) {
            st.execute("ALTER ROLE " + SUPERUSER + " PASSWORD " + st.enquoteLiteral(superuserPassword));
            boolean exists;
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_roles WHERE rolname = ?")) {
                q.setString(1, ADMIN_ROLE);
                exists = q.executeQuery().next();
            }
            if (!exists) {
                // CREATEROLE lets the admin change the passwords of the roles it manages, nothing more.
                st.execute("CREATE ROLE " + ADMIN_ROLE + " LOGIN CREATEROLE CREATEDB PASSWORD "
                        + st.enquoteLiteral(settings.password()));
            }
            try (PreparedStatement q = c.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                q.setString(1, DATABASE);
                if (!q.executeQuery().next()) {
                    st.execute("CREATE DATABASE " + DATABASE + " OWNER " + ADMIN_ROLE);
                }
            }
        }
    }
}
