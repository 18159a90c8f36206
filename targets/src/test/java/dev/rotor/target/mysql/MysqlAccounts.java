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

import dev.rotor.target.Credential;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;
import dev.rotor.target.testing.TargetAccounts;

/**
 * Users of a real MariaDB or MySQL: the machine's server (127.0.0.1:3306, root without a password, as this machine
 * and CI run it), or the one {@code ROTOR_MYSQL_ROOT_URL} names. The admin it creates holds CREATE USER only.
 */
public final class MysqlAccounts implements TargetAccounts {

    private static final String ROOT_URL = Optional.ofNullable(System.getenv("ROTOR_MYSQL_ROOT_URL"))
            .orElse("jdbc:mariadb://127.0.0.1:3306/?user=root");

    private final MysqlKind kind = new MysqlKind(Timeouts.of(Duration.ofSeconds(5)));
    private final List<String> created = new ArrayList<>();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Credential admin;

    public MysqlAccounts() throws SQLException {
        admin = new Credential("rotor_adm_" + suffix, TargetAccounts.newPassword());
        createUser(admin);
        asRoot("GRANT CREATE USER ON *.* TO ?@'%'", admin.username());
        asRoot("GRANT SELECT ON mysql.* TO ?@'%'", admin.username());
    }

    @Override
    public TargetKind kind() {
        return kind;
    }

    @Override
    public Account newAccount() throws SQLException {
        Credential credential = new Credential("contract_" + created.size() + "_" + suffix, TargetAccounts.newPassword());
        createUser(credential);
        return new Account(new TargetSpec(MysqlKind.TYPE, "127.0.0.1", 3306, credential.username(), "admin/mysql", Map.of()),
                credential);
    }

    /** The mysql schema: the server takes the password, then refuses the database (error 1044). */
    @Override
    public Optional<Account> lockedOut(Account account) {
        return Optional.of(new Account(TargetAccounts.on(account.target(), Map.of("database", "mysql")), account.credential()));
    }

    @Override
    public Credential admin() {
        return admin;
    }

    @Override
    public String grantOnlyTo(Account account) throws SQLException {
        asRoot("GRANT SELECT ON mysql.db TO ?@'%'", account.credential().username());
        return "GRANT SELECT ON `mysql`.`db`";
    }

    @Override
    public void close() throws SQLException {
        for (String user : created) {
            asRoot("DROP USER IF EXISTS ?@'%'", user);
        }
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
