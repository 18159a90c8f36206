package dev.rotor.vaultdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.VaultClientException;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2ReadSecretData;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2UpdateSecretOptions;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransit;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitDecryptBatchItem;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitDecryptBatchParams;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitEncryptBatchItem;
import io.quarkus.vault.client.api.secrets.transit.VaultSecretsTransitEncryptBatchParams;
import io.quarkus.vault.client.http.jdk.JDKVaultHttpClient;

/**
 * The dev server driven by quarkus-vault's own client (the one the extension 4.7.0 uses, with a
 * static client token), calling it the way the extension does: KV v2 with a numeric cas, LIST for
 * listing, transit through batch_input, HEAD sys/health for the health check.
 */
class QuarkusVaultClientCompatibilityTest {

    private static final String ROOT = "quarkus-client-root";

    private static VaultDevServer server;
    private static VaultClient client;

    @BeforeAll
    static void start() {
        server = VaultDevServer.start(0, null, ROOT);
        client = VaultClient.builder()
                .baseUrl(server.address())
                .executor(new JDKVaultHttpClient(HttpClient.newHttpClient()))
                .clientToken(ROOT)
                .build();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void kvV2CheckAndSetWritesReadsAndLists() {
        VaultSecretsKV2 kv = client.secrets().kv2("secret");

        VaultSecretsKV2ReadSecretData written = join(kv.updateSecret("rotor/app/db", new VaultSecretsKV2UpdateSecretOptions().setCas(0),
                Map.of("password", "one")));
        // Vault answers with the version's metadata flat in "data", which this typed result does not
        // map: both fields stay null. Services must not read the new version from it.
        assertThat(written.getData()).isNull();
        assertThat(written.getMetadata()).isNull();

        join(kv.updateSecret("rotor/app/db", new VaultSecretsKV2UpdateSecretOptions().setCas(1), Map.of("password", "two")));
        Throwable stale = catchThrowable(() -> join(kv.updateSecret("rotor/app/db",
                new VaultSecretsKV2UpdateSecretOptions().setCas(1), Map.of("password", "stale"))));
        assertThat(stale).isInstanceOf(VaultClientException.class);
        assertThat(((VaultClientException) stale).getStatus()).isEqualTo(400);
        assertThat(((VaultClientException) stale).getErrors())
                .containsExactly("check-and-set parameter did not match the current version");

        VaultSecretsKV2ReadSecretData latest = join(kv.readSecret("rotor/app/db"));
        assertThat(latest.getData()).containsEntry("password", "two");
        assertThat(latest.getMetadata().getVersion()).isEqualTo(2);
        assertThat(latest.getMetadata().getDeletionTime()).isNull();
        assertThat(join(kv.readSecret("rotor/app/db", null)).getMetadata().getVersion()).isEqualTo(2);
        assertThat(join(kv.readSecret("rotor/app/db", 1)).getData()).containsEntry("password", "one");
        assertThat(join(kv.readSecretMetadata("rotor/app/db")).getCurrentVersion()).isEqualTo(2);

        assertThat(join(kv.listSecrets("rotor"))).containsExactly("app/");
        assertThat(join(kv.listSecrets("nothing-here"))).as("the client turns 404 into an empty list").isEmpty();

        join(kv.deleteSecret("rotor/app/db"));
        Throwable deleted = catchThrowable(() -> join(kv.readSecret("rotor/app/db")));
        assertThat(((VaultClientException) deleted).getStatus()).isEqualTo(404);
    }

    @Test
    void transitBatchesAsTheExtensionSendsThem() {
        VaultSecretsTransit transit = client.secrets().transit("transit");
        var encrypted = join(transit.encryptBatch("tenant-a", new VaultSecretsTransitEncryptBatchParams()
                .setBatchInput(List.of(new VaultSecretsTransitEncryptBatchItem().setPlaintext(bytes("secret"))))));
        String ciphertext = encrypted.get(0).getCiphertext();
        assertThat(ciphertext).startsWith("vault:v1:");

        join(transit.rotateKey("tenant-a", null));
        var key = join(transit.readKey("tenant-a"));
        assertThat(key.getLatestVersion()).isEqualTo(2);
        assertThat(key.getKeys()).containsOnlyKeys("1", "2");

        var decrypted = join(transit.decryptBatch("tenant-a", new VaultSecretsTransitDecryptBatchParams()
                .setBatchInput(List.of(new VaultSecretsTransitDecryptBatchItem().setCiphertext(ciphertext)))));
        assertThat(new String(decrypted.get(0).getPlaintext(), StandardCharsets.UTF_8)).isEqualTo("secret");
    }

    @Test
    void tokenAndHealthCalls() {
        assertThat(join(client.auth().token().lookupSelf()).getPolicies()).containsExactly("root");
        assertThat(join(client.sys().health().statusCode())).isEqualTo(200);
        assertThat(join(client.sys().health().info()).getVersion()).endsWith("+rotor-dev");
    }

    @Test
    void aSealedServerSurfacesAsA503VaultClientException() {
        VaultSecretsKV2 kv = client.secrets().kv2("secret");
        join(kv.updateSecret("rotor/app/sealed", null, Map.of("password", "kept")));
        server.seal();
        try {
            // The services classify a 503 as transient and retry it; this is what they get to classify.
            Throwable sealed = catchThrowable(() -> join(kv.readSecret("rotor/app/sealed")));
            assertThat(sealed).isInstanceOf(VaultClientException.class);
            assertThat(((VaultClientException) sealed).getStatus()).isEqualTo(503);
            assertThat(((VaultClientException) sealed).getErrors()).containsExactly("Vault is sealed");
            assertThat(join(client.sys().health().statusCode())).isEqualTo(503);
        } finally {
            server.unseal();
        }
        assertThat(join(kv.readSecret("rotor/app/sealed")).getData()).containsEntry("password", "kept");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> T join(CompletionStage<T> stage) {
        try {
            return stage.toCompletableFuture().join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
