package dev.rotor.target.postgresql;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import dev.rotor.stack.PostgresServer;
import dev.rotor.stack.PostgresSettings;
import dev.rotor.stack.testing.Ports;
import dev.rotor.target.Credential;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetKindContract;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;

/** The contract against a real PostgreSQL that checks passwords (SCRAM), as the local stack runs it. */
class PostgresKindTest extends TargetKindContract {

    private static final AtomicInteger ROLES = new AtomicInteger();

    private PostgresServer server;
    private final PostgresKind kind = new PostgresKind(Timeouts.of(Duration.ofSeconds(5)));

    @BeforeAll
    void startPostgres(@TempDir Path dataDir) {
        server = PostgresServer.embedded(dataDir.resolve("pg"), Ports.free());
    }

    @AfterAll
    void stopPostgres() throws Exception {
        server.close();
    }

    @Override
    protected TargetKind kind() {
        return kind;
    }

    @Override
    protected Account newAccount() throws Exception {
        PostgresSettings pg = server.settings();
        String role = "contract_" + ROLES.incrementAndGet();
        String password = newPassword();
        try (Connection c = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password()); Statement st = c.createStatement()) {
            st.execute("CREATE ROLE " + role + " LOGIN PASSWORD " + st.enquoteLiteral(password));
        }
        return new Account(new TargetSpec(PostgresKind.TYPE, pg.host(), pg.port(), role, "admin", Map.of("database", pg.database())),
                new Credential(role, password));
    }

    @Override
    protected Credential adminFor(Account account) {
        return new Credential(server.settings().user(), server.settings().password());
    }
}
