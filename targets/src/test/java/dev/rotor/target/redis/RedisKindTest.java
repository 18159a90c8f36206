package dev.rotor.target.redis;

import dev.rotor.target.TargetKindContract;
import dev.rotor.target.testing.TargetAccounts;

/** The contract against a real Redis: see {@link RedisAccounts} for which server. */
class RedisKindTest extends TargetKindContract {

    private final RedisAccounts accounts = new RedisAccounts();

    RedisKindTest() throws Exception {
    }

    @Override
    protected TargetAccounts accounts() {
        return accounts;
    }
}
