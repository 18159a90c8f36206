package dev.rotor.target.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.rotor.stack.testing.Ports;
import dev.rotor.target.Credential;
import dev.rotor.target.TargetKindContract;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.testing.TargetAccounts;
import dev.rotor.target.testing.TargetAccounts.Account;

/** The contract against the machine's real RabbitMQ, and what only this kind promises: the user's tags survive. */
class RabbitmqKindTest extends TargetKindContract {

    private final RabbitmqAccounts accounts = new RabbitmqAccounts();

    RabbitmqKindTest() throws Exception {
    }

    @Override
    protected TargetAccounts accounts() {
        return accounts;
    }

    @Test
    void aChangeKeepsTheUsersTags() throws Exception {
        Account account = accounts.newAccount();
        accounts.createUser(account.credential(), "monitoring");

        accounts.kind().setCredential(account.target(), accounts.admin(),
                new Credential(account.credential().username(), TargetAccounts.newPassword()));

        assertThat(accounts.management("GET", "/api/users/" + account.credential().username(), null).body()).contains("monitoring");
    }

    /** Both ports move: the AMQP port for logins and the management port for changes. */
    @Override
    protected TargetSpec elsewhere(TargetSpec target) {
        return TargetAccounts.on(super.elsewhere(target), Map.of("managementPort", String.valueOf(Ports.free())));
    }
}
