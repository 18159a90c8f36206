package dev.rotor.vaultdev;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.rotor.vaultdev.VaultHttp.Reply;

/** What only the dev server promises: loopback only, default mounts, and that it says it is not Vault. */
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
}
