package dev.rotor.vaultdev;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;

import dev.rotor.vaultdev.VaultHttp.Reply;

/**
 * What only the dev server promises: loopback only, default mounts, that it says it is not Vault,
 * and a seal that tests can work in-process.
 */
class VaultDevServerTest {

    @Test
    void listensOnLoopbackWithSecretAndTransitMountedAndSaysItIsADevServer() {
        try (VaultDevServer server = VaultDevServer.start(0, null, "dev-root")) {
            assertThat(server.address()).isEqualTo("http://127.0.0.1:" + server.port());
            assertThat(server.port()).isPositive();
            assertThat(server.rootToken()).isEqualTo("dev-root");
            VaultHttp http = new VaultHttp(server.address());

            Reply mounts = http.call("GET", "sys/mounts", "dev-root", null);
            assertThat(mounts.data().path("secret/").path("type").asText()).isEqualTo("kv");
            assertThat(mounts.data().path("secret/").path("options").path("version").asText()).isEqualTo("2");
            assertThat(mounts.data().path("transit/").path("type").asText()).isEqualTo("transit");

            Reply health = http.call("GET", "sys/health", null, null);
            assertThat(health.json().path("version").asText()).endsWith("+rotor-dev");
            assertThat(health.json().path("cluster_name").asText()).isEqualTo("rotor-dev-server");
        }
    }

    @Test
    void readingWithAnEmptyVersionParameterReadsTheLatest() {
        // quarkus-vault's readSecret(path, null) sends "?version" with no value.
        try (VaultDevServer server = VaultDevServer.start(0, null, "dev-root")) {
            VaultHttp http = new VaultHttp(server.address());
            http.call("POST", "secret/data/app", "dev-root", VaultHttp.json("{'data':{'v':'1'}}"));
            http.call("POST", "secret/data/app", "dev-root", VaultHttp.json("{'data':{'v':'2'}}"));

            Reply read = http.call("GET", "secret/data/app?version", "dev-root", null);
            assertThat(read.status()).isEqualTo(200);
            assertThat(read.data().path("data").path("v").asText()).isEqualTo("2");
        }
    }

    @Test
    void inProcessSealAndUnsealAnswerLikeTheHttpApi() {
        try (VaultDevServer server = VaultDevServer.start(0, null, "dev-root", "cm90b3ItdGVzdC1rZXk=")) {
            VaultHttp http = new VaultHttp(server.address());
            http.call("POST", "secret/data/app", "dev-root", VaultHttp.json("{'data':{'v':'1'}}"));

            server.seal();
            assertThat(server.isSealed()).isTrue();
            Reply sealed = http.call("GET", "secret/data/app", "dev-root", null);
            assertThat(sealed.status()).isEqualTo(503);
            assertThat(sealed.json().path("errors").get(0).asText()).isEqualTo("Vault is sealed");
            assertThat(http.call("GET", "sys/seal-status", null, null).json().path("t").asInt()).isEqualTo(1);

            server.unseal();
            assertThat(server.isSealed()).isFalse();
            assertThat(http.call("GET", "secret/data/app", "dev-root", null).data().path("data").path("v").asText()).isEqualTo("1");
        }
    }

    @Test
    void aWellFormedWrongKeyIsRefusedWithVaultsWordsAndTheConfiguredOneUnseals() {
        try (VaultDevServer server = VaultDevServer.start(0, null, "dev-root", "cm90b3ItdGVzdC1rZXk=")) {
            VaultHttp http = new VaultHttp(server.address());
            assertThat(http.call("PUT", "sys/seal", "dev-root", null).status()).isEqualTo(204);
            assertThat(http.call("PUT", "sys/seal", null, null).status()).as("sealing a sealed Vault is a no-op").isEqualTo(204);

            Reply wrong = http.call("PUT", "sys/unseal", null, VaultHttp.json("{'key':'" + VaultDevServer.DEFAULT_UNSEAL_KEY + "'}"));
            assertThat(wrong.status()).isEqualTo(400);
            assertThat(wrong.json().path("errors").get(0).asText()).isEqualTo("Unseal failed, invalid key");
            assertThat(server.isSealed()).isTrue();

            // The same key in hex is the same key, as in Vault.
            Reply hex = http.call("POST", "sys/unseal", null, VaultHttp.json("{'key':'" + HexFormat.of().formatHex(
                    Base64.getDecoder().decode("cm90b3ItdGVzdC1rZXk=")) + "'}"));
            assertThat(hex.status()).as(hex.toString()).isEqualTo(200);
            assertThat(hex.json().path("sealed").asBoolean()).isFalse();
            assertThat(hex.json().path("cluster_name").asText()).isEqualTo("rotor-dev-server");
        }
    }

    @Test
    void anUnsealKeyThatIsNeitherHexNorBase64IsRefusedAtStartWithoutEchoingIt() {
        assertThatThrownBy(() -> VaultDevServer.start(0, null, "dev-root", "not base64 at all!"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ROTOR_VAULT_UNSEAL_KEY")
                .hasMessageNotContaining("not base64 at all!");
    }
}
