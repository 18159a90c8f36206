package dev.rotor.target.mysql;

import dev.rotor.target.TargetKindContract;
import dev.rotor.target.testing.TargetAccounts;

/** The contract against a real MySQL/MariaDB: see {@link MysqlAccounts} for which server. */
class MysqlKindTest extends TargetKindContract {

    private final MysqlAccounts accounts = new MysqlAccounts();

    MysqlKindTest() throws Exception {
    }

    @Override
    protected TargetAccounts accounts() {
        return accounts;
    }
}
