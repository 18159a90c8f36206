package dev.rotor.target.mysql;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import dev.rotor.target.Credential;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetKindContract;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;

/**
 * The contract against a real MariaDB: the machine's server (127.0.0.1:3306, root without a password, as
 * this machine and CI run it), or the one {@code ROTOR_MYSQL_ROOT_URL} names. Users it creates are dropped after.
 */
class MysqlKindTest extends TargetKindContract {

    private static final String ROOT_URL = Optional.ofNullable(System.getenv("ROTOR_MYSQL_ROOT_URL"))
            .orElse("jdbc:mariadb://127.0.0.1:3306/?user=root");

    private final MysqlKind kind = new MysqlKind(Timeouts.of(Duration.ofSeconds(5)));
    private final List<String> created = new ArrayList<>();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private Credential admin;

    @BeforeAll
    void createAdmin() throws SQLException {
        admin = new Credential("rotor_adm_" + suffix, newPassword());
        createUser(admin);
        asRoot("GRANT CREATE USER ON *.* TO ?@'%'", admin.username());
    }

    @AfterAll
    void dropUsers() throws SQLException {
        for (String user : created) {
            asRoot("DROP USER IF EXISTS ?@'%'", user);
        }
    }

    @Override
    protected TargetKind kind() {
        return kind;
    }

    @Override
    protected Account newAccount() throws SQLException {
        Credential credential = new Credential("contract_" + created.size() + "_" + suffix, newPassword());
        createUser(credential);
        return new Account(new TargetSpec(MysqlKind.TYPE, "127.0.0.1", 3306, credential.username(), "admin/mysql", Map.of()),
                credential);
    }

    @Override
    protected Credential adminFor(Account account) {
        return admin;
    }

    private void createUser(Credential credential) throws SQLException {
        created.add(credential.username());
        asRoot("CREATE USER ?@'%' IDENTIFIED BY ?", credential.username(), credential.password());
    }

    private static void asRoot(String sql, String... values) throws SQLException {
        try (Connection root = DriverManager.getConnection(ROOT_URL); PreparedStatement statement = root.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            statement.execute();
        }
    }
}
