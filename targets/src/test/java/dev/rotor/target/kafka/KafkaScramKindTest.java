package dev.rotor.target.kafka;

import dev.rotor.target.TargetKindContract;
import dev.rotor.target.testing.TargetAccounts;

/** The contract against a real Kafka: see {@link KafkaScramAccounts} for which server. */
class KafkaScramKindTest extends TargetKindContract {

    private final KafkaScramAccounts accounts = new KafkaScramAccounts();

    KafkaScramKindTest() throws Exception {
    }

    @Override
    protected TargetAccounts accounts() {
        return accounts;
    }
}
