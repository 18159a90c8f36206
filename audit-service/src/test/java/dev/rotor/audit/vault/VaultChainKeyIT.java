package dev.rotor.audit.vault;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.rotor.audit.chain.ChainKey;
import dev.rotor.stack.testing.RotorStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2;

/** The chain key's home in the stack's dev Vault: created once with cas=0, the same key for every instance after. */
@QuarkusTest
@QuarkusTestResource(RotorStackResource.class)
class VaultChainKeyIT {

    private static final String MOUNT = "secret";
    private static final String PROBE = "any message";

    @Inject
    VaultClient vault;
    @Inject
    ChainKey serviceKey;

    @Test
    void theServiceCreatedItsKeyAtTheDefaultPathOnceAndReadsItBack() {
        VaultSecretsKV2 kv = vault.secrets().kv2(MOUNT);

        ChainKey stored = VaultChainKey.readOrCreate(kv, MOUNT, "rotor/audit/chain-key");

        assertThat(stored.mac(PROBE)).isEqualTo(serviceKey.mac(PROBE));
        assertThat(kv.readSecret("rotor/audit/chain-key").toCompletableFuture().join().getMetadata().getVersion())
                .as("created once, never overwritten").isEqualTo(1);
    }

    @Test
    void anInstanceThatLosesTheCreationTakesTheWinnersKey() {
        VaultSecretsKV2 kv = vault.secrets().kv2(MOUNT);
        String path = "rotor/audit/chain-key-" + UUID.randomUUID();

        ChainKey winner = VaultChainKey.create(kv, MOUNT, path);
        ChainKey loser = VaultChainKey.create(kv, MOUNT, path);

        assertThat(loser.mac(PROBE)).isEqualTo(winner.mac(PROBE));
        assertThat(VaultChainKey.readOrCreate(kv, MOUNT, path).mac(PROBE)).isEqualTo(winner.mac(PROBE));
        assertThat(kv.readSecret(path).toCompletableFuture().join().getMetadata().getVersion()).isEqualTo(1);
        assertThat(winner.toString()).doesNotContain(kv.readSecret(path).toCompletableFuture().join().getData().get("key").toString());
    }
}
