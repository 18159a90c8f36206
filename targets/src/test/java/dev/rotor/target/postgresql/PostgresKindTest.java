package dev.rotor.target.postgresql;

import dev.rotor.target.TargetKindContract;
import dev.rotor.target.testing.TargetAccounts;

/** The contract against a real PostgreSQL: see {@link PostgresAccounts} for which server. */
class PostgresKindTest extends TargetKindContract {

    private final PostgresAccounts accounts = new PostgresAccounts();

    PostgresKindTest() throws Exception {
    }

    @Override
    protected TargetAccounts accounts() {
        return accounts;
    }
}
