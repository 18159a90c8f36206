package dev.rotor.vaultdev;

import static dev.rotor.vaultdev.VaultHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rotor.vaultdev.VaultHttp.Reply;

/** A restart on the same data file keeps every version, transit key, token and policy: no credential is stranded. */
class VaultDevServerPersistenceTest {

    private static final String ROOT = "persistence-root";

    @TempDir
    Path dir;

    @Test
    void restartOnTheSameFileKeepsSecretsKeysAndTokens() throws IOException {
        Path dataFile = dir.resolve("vault/data.json");
        String ciphertext;
        String childToken;
        try (VaultDevServer server = VaultDevServer.start(0, dataFile, ROOT)) {
            VaultHttp http = new VaultHttp(server.address());
            assertThat(http.call("POST", "secret/data/app/db", ROOT, json("{'options':{'cas':0},'data':{'password':'first'}}")).status()).isEqualTo(200);
            assertThat(http.call("POST", "secret/data/app/db", ROOT, json("{'options':{'cas':1},'data':{'password':'second'}}")).status()).isEqualTo(200);
            assertThat(http.call("POST", "secret/metadata/app/db", ROOT, json("{'custom_metadata':{'owner':'rotor'}}")).status()).isEqualTo(204);
            ciphertext = http.call("POST", "transit/encrypt/tenant-a", ROOT, json("{'plaintext':'c2VjcmV0'}")).data().path("ciphertext").asText();
            childToken = http.call("POST", "auth/token/create", ROOT, json("{'ttl':'1h'}")).json().path("auth").path("client_token").asText();
        }
        assertThat(dataFile).exists();
        try (Stream<Path> files = Files.list(dataFile.getParent())) {
            assertThat(files).as("no temporary file is left behind").containsExactly(dataFile);
        }

        try (VaultDevServer restarted = VaultDevServer.start(0, dataFile, ROOT)) {
            VaultHttp http = new VaultHttp(restarted.address());
            Reply latest = http.call("GET", "secret/data/app/db", ROOT, null);
            assertThat(latest.status()).isEqualTo(200);
            assertThat(latest.data().path("data").path("password").asText()).isEqualTo("second");
            assertThat(latest.data().path("metadata").path("version").asInt()).isEqualTo(2);
            assertThat(http.call("GET", "secret/data/app/db?version=1", ROOT, null).data().path("data").path("password").asText()).isEqualTo("first");
            Reply metadata = http.call("GET", "secret/metadata/app/db", ROOT, null);
            assertThat(metadata.data().path("current_version").asInt()).isEqualTo(2);
            assertThat(metadata.data().path("custom_metadata").path("owner").asText()).isEqualTo("rotor");

            Reply stale = http.call("POST", "secret/data/app/db", ROOT, json("{'options':{'cas':1},'data':{'password':'third'}}"));
            assertThat(stale.status()).as("check-and-set still sees version 2").isEqualTo(400);

            Reply decrypted = http.call("POST", "transit/decrypt/tenant-a", ROOT, json("{'ciphertext':'" + ciphertext + "'}"));
            assertThat(decrypted.data().path("plaintext").asText()).isEqualTo("c2VjcmV0");
            assertThat(http.call("GET", "auth/token/lookup-self", childToken, null).status()).isEqualTo(200);
        }
    }

    @Test
    void policiesAndWhatTheyAllowSurviveARestart() {
        Path dataFile = dir.resolve("data.json");
        String policy = "path \"secret/data/app/*\" {\n  capabilities = [\"read\"]\n}\n";
        String reader;
        try (VaultDevServer server = VaultDevServer.start(0, dataFile, ROOT)) {
            VaultHttp http = new VaultHttp(server.address());
            ObjectNode body = VaultHttp.MAPPER.createObjectNode().put("policy", policy);
            assertThat(http.call("PUT", "sys/policies/acl/app-reader", ROOT, body).status()).isEqualTo(204);
            http.call("POST", "secret/data/app/db", ROOT, json("{'data':{'password':'kept'}}"));
            reader = http.call("POST", "auth/token/create", ROOT, json("{'ttl':'1h','policies':['app-reader']}"))
                    .json().path("auth").path("client_token").asText();
        }

        try (VaultDevServer restarted = VaultDevServer.start(0, dataFile, ROOT)) {
            VaultHttp http = new VaultHttp(restarted.address());
            assertThat(http.call("GET", "sys/policies/acl/app-reader", ROOT, null).data().path("policy").asText()).isEqualTo(policy);
            assertThat(http.call("GET", "secret/data/app/db", reader, null).status()).isEqualTo(200);
            assertThat(http.call("POST", "secret/data/app/db", reader, json("{'data':{'password':'changed'}}")).status())
                    .isEqualTo(403);
        }
    }

    @Test
    void theRootTokenOfTheNextStartIsAddedToAnExistingFile() {
        Path dataFile = dir.resolve("data.json");
        VaultDevServer.start(0, dataFile, ROOT).close();

        try (VaultDevServer restarted = VaultDevServer.start(0, dataFile, "another-root")) {
            VaultHttp http = new VaultHttp(restarted.address());
            assertThat(http.call("GET", "auth/token/lookup-self", "another-root", null).status()).isEqualTo(200);
            assertThat(http.call("GET", "auth/token/lookup-self", ROOT, null).status()).isEqualTo(200);
        }
    }

    @Test
    void aServerStoppedWhileSealedRestartsUnsealedWithItsData() {
        Path dataFile = dir.resolve("data.json");
        try (VaultDevServer server = VaultDevServer.start(0, dataFile, ROOT)) {
            VaultHttp http = new VaultHttp(server.address());
            http.call("POST", "secret/data/app/db", ROOT, json("{'options':{'cas':0},'data':{'password':'kept'}}"));
            assertThat(http.call("PUT", "sys/seal", ROOT, null).status()).isEqualTo(204);
        }

        try (VaultDevServer restarted = VaultDevServer.start(0, dataFile, ROOT)) {
            assertThat(restarted.isSealed()).as("a dev server's convenience: every start is unsealed").isFalse();
            Reply read = new VaultHttp(restarted.address()).call("GET", "secret/data/app/db", ROOT, null);
            assertThat(read.data().path("data").path("password").asText()).isEqualTo("kept");
        }
    }
}
