package dev.rotor.vaultdev;

import static dev.rotor.vaultdev.VaultHttp.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rotor.vaultdev.VaultHttp.Reply;

/**
 * The Vault behaviour Rotor relies on, checked on the wire, against the Vaults of
 * {@link ContractTargets} (the dev server, and a real Vault when one is configured). Each run mounts its own
 * KV v2 and transit engines under unique paths and unmounts them afterwards, so a shared Vault
 * is left as it was. The seal test needs the unseal key: against a real Vault it runs only when
 * VAULT_UNSEAL_KEY is set as well, and is reported as aborted (with the reason) otherwise.
 */
class VaultContractTest {

    private static final String CAS_MISMATCH = "check-and-set parameter did not match the current version";
    private static final String CAS_REQUIRED = "check-and-set parameter required for this call";
    private static final String TOO_OLD = "ciphertext or signature version is disallowed by policy (too old)";
    private static final String SEALED = "Vault is sealed";
    private static final String RFC3339_NANOS = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z";

    private static ContractTargets vaults;

    @BeforeAll
    static void startTargets() {
        vaults = ContractTargets.start("contract-root-token");
    }

    @AfterAll
    static void stopTargets() {
        if (vaults != null) {
            vaults.close();
        }
    }

    static Stream<ContractTarget> targets() {
        return vaults.stream();
    }

    // ---------------------------------------------------------------- KV v2: check-and-set

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void casZeroCreatesOnceThenRefuses(ContractTarget vault) {
        String secret = unique("cas-zero");

        Reply created = vault.post(vault.kv("data", secret), json("{'options':{'cas':0},'data':{'password':'one'}}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(fieldNames(created.data()))
                .containsExactlyInAnyOrder("created_time", "custom_metadata", "deletion_time", "destroyed", "version");
        assertThat(created.data().path("version").asInt()).isEqualTo(1);
        assertThat(created.data().path("created_time").asText()).matches(RFC3339_NANOS);
        assertThat(created.data().path("deletion_time").asText()).isEmpty();
        assertThat(created.data().path("destroyed").asBoolean()).isFalse();

        Reply again = vault.post(vault.kv("data", secret), json("{'options':{'cas':0},'data':{'password':'two'}}"));
        assertThat(again.status()).isEqualTo(400);
        assertThat(again.json().path("errors")).containsExactly(text(CAS_MISMATCH));
        assertThat(vault.get(vault.kv("data", secret)).data().path("data").path("password").asText()).isEqualTo("one");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void casMustMatchTheCurrentVersion(ContractTarget vault) {
        String secret = unique("cas-current");
        assertThat(vault.post(vault.kv("data", secret), json("{'options':{'cas':0},'data':{'v':'1'}}")).status()).isEqualTo(200);

        Reply second = vault.post(vault.kv("data", secret), json("{'options':{'cas':1},'data':{'v':'2'}}"));
        assertThat(second.status()).as(second.toString()).isEqualTo(200);
        assertThat(second.data().path("version").asInt()).isEqualTo(2);

        Reply stale = vault.post(vault.kv("data", secret), json("{'options':{'cas':1},'data':{'v':'stale'}}"));
        assertThat(stale.status()).isEqualTo(400);
        assertThat(stale.json().path("errors")).containsExactly(text(CAS_MISMATCH));

        // Vault decodes cas weakly, so a numeric string works like the number.
        Reply asString = vault.post(vault.kv("data", secret), json("{'options':{'cas':'2'},'data':{'v':'3'}}"));
        assertThat(asString.status()).as(asString.toString()).isEqualTo(200);
        assertThat(asString.data().path("version").asInt()).isEqualTo(3);

        Reply noCas = vault.post(vault.kv("data", secret), json("{'data':{'v':'4'}}"));
        assertThat(noCas.data().path("version").asInt()).isEqualTo(4);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void casRequiredOnTheKeyRefusesWritesWithoutCas(ContractTarget vault) {
        String secret = unique("cas-required");
        assertThat(vault.post(vault.kv("metadata", secret), json("{'cas_required':true}")).status()).isEqualTo(204);

        Reply withoutCas = vault.post(vault.kv("data", secret), json("{'data':{'v':'1'}}"));
        assertThat(withoutCas.status()).isEqualTo(400);
        assertThat(withoutCas.json().path("errors")).containsExactly(text(CAS_REQUIRED));

        Reply withCas = vault.post(vault.kv("data", secret), json("{'options':{'cas':0},'data':{'v':'1'}}"));
        assertThat(withCas.status()).as(withCas.toString()).isEqualTo(200);
        assertThat(vault.get(vault.kv("metadata", secret)).data().path("cas_required").asBoolean()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void casRequiredOnTheMountRefusesWritesWithoutCas(ContractTarget vault) {
        String mount = "rotor-contract-" + UUID.randomUUID().toString().substring(0, 8) + "-casmount";
        assertThat(vault.post("sys/mounts/" + mount, json("{'type':'kv','options':{'version':'2'}}")).status()).isEqualTo(204);
        try {
            assertThat(vault.post(mount + "/config", json("{'cas_required':true,'max_versions':3}")).status()).isEqualTo(204);
            Reply config = vault.get(mount + "/config");
            assertThat(config.data().path("cas_required").asBoolean()).isTrue();
            assertThat(config.data().path("max_versions").asInt()).isEqualTo(3);

            Reply withoutCas = vault.post(mount + "/data/app", json("{'data':{'v':'1'}}"));
            assertThat(withoutCas.status()).isEqualTo(400);
            assertThat(withoutCas.json().path("errors")).containsExactly(text(CAS_REQUIRED));
            assertThat(vault.post(mount + "/data/app", json("{'options':{'cas':0},'data':{'v':'1'}}")).status()).isEqualTo(200);
        } finally {
            assertThat(vault.delete("sys/mounts/" + mount).status()).isEqualTo(204);
        }
    }

    // ---------------------------------------------------------------- KV v2: versions and metadata

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void readsTheLatestOrARequestedVersion(ContractTarget vault) {
        String secret = unique("versions");
        for (int i = 1; i <= 3; i++) {
            vault.post(vault.kv("data", secret), json("{'data':{'password':'p" + i + "','n':" + i + "}}"));
        }

        Reply latest = vault.get(vault.kv("data", secret));
        assertThat(latest.status()).isEqualTo(200);
        assertThat(latest.data().path("data").path("password").asText()).isEqualTo("p3");
        assertThat(latest.data().path("data").path("n").asInt()).isEqualTo(3);
        JsonNode metadata = latest.data().path("metadata");
        assertThat(fieldNames(metadata))
                .containsExactlyInAnyOrder("created_time", "custom_metadata", "deletion_time", "destroyed", "version");
        assertThat(metadata.path("version").asInt()).isEqualTo(3);

        Reply first = vault.get(vault.kv("data", secret) + "?version=1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.data().path("data").path("password").asText()).isEqualTo("p1");
        assertThat(first.data().path("metadata").path("version").asInt()).isEqualTo(1);

        assertThat(vault.get(vault.kv("data", secret) + "?version=9").status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aMissingSecretIsA404WithNoErrors(ContractTarget vault) {
        String secret = unique("missing");
        for (String path : List.of(vault.kv("data", secret), vault.kv("metadata", secret))) {
            Reply missing = vault.get(path);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.json().path("errors").isArray()).isTrue();
            assertThat(missing.json().path("errors")).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void metadataShowsSettingsCustomMetadataAndEveryVersion(ContractTarget vault) {
        String secret = unique("metadata");
        Reply configured = vault.post(vault.kv("metadata", secret),
                json("{'max_versions':5,'custom_metadata':{'owner':'rotor','kind':'postgres'}}"));
        assertThat(configured.status()).isEqualTo(204);
        vault.post(vault.kv("data", secret), json("{'data':{'v':'1'}}"));
        Reply second = vault.post(vault.kv("data", secret), json("{'data':{'v':'2'}}"));
        assertThat(second.data().path("custom_metadata").path("owner").asText()).isEqualTo("rotor");

        Reply metadata = vault.get(vault.kv("metadata", secret));
        assertThat(metadata.status()).isEqualTo(200);
        JsonNode data = metadata.data();
        assertThat(data.path("current_version").asInt()).isEqualTo(2);
        assertThat(data.path("oldest_version").asInt()).isZero();
        assertThat(data.path("max_versions").asInt()).isEqualTo(5);
        assertThat(data.path("cas_required").asBoolean()).isFalse();
        assertThat(data.path("delete_version_after").asText()).isEqualTo("0s");
        assertThat(data.path("created_time").asText()).matches(RFC3339_NANOS);
        assertThat(data.path("updated_time").asText()).matches(RFC3339_NANOS);
        assertThat(data.path("custom_metadata").path("owner").asText()).isEqualTo("rotor");
        assertThat(data.path("custom_metadata").path("kind").asText()).isEqualTo("postgres");
        assertThat(fieldNames(data.path("versions"))).containsExactlyInAnyOrder("1", "2");
        JsonNode version1 = data.path("versions").path("1");
        assertThat(fieldNames(version1)).containsExactlyInAnyOrder("created_time", "deletion_time", "destroyed");
        assertThat(version1.path("created_time").asText()).matches(RFC3339_NANOS);
        assertThat(version1.path("deletion_time").asText()).isEmpty();
        assertThat(version1.path("destroyed").asBoolean()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void deleteUndeleteAndDestroyVersions(ContractTarget vault) {
        String secret = unique("lifecycle");
        vault.post(vault.kv("data", secret), json("{'data':{'v':'1'}}"));
        vault.post(vault.kv("data", secret), json("{'data':{'v':'2'}}"));

        assertThat(vault.delete(vault.kv("data", secret)).status()).isEqualTo(204);
        Reply deleted = vault.get(vault.kv("data", secret));
        assertThat(deleted.status()).isEqualTo(404);
        assertThat(deleted.data().path("data").isNull()).isTrue();
        assertThat(deleted.data().path("metadata").path("version").asInt()).isEqualTo(2);
        assertThat(deleted.data().path("metadata").path("deletion_time").asText()).matches(RFC3339_NANOS);
        assertThat(deleted.data().path("metadata").path("destroyed").asBoolean()).isFalse();
        assertThat(vault.get(vault.kv("data", secret) + "?version=1").data().path("data").path("v").asText()).isEqualTo("1");

        assertThat(vault.post(vault.kv("undelete", secret), json("{'versions':[2]}")).status()).isEqualTo(204);
        Reply restored = vault.get(vault.kv("data", secret));
        assertThat(restored.status()).isEqualTo(200);
        assertThat(restored.data().path("data").path("v").asText()).isEqualTo("2");
        assertThat(restored.data().path("metadata").path("deletion_time").asText()).isEmpty();

        assertThat(vault.post(vault.kv("delete", secret), json("{'versions':[1]}")).status()).isEqualTo(204);
        assertThat(vault.get(vault.kv("data", secret) + "?version=1").status()).isEqualTo(404);

        assertThat(vault.post(vault.kv("destroy", secret), json("{'versions':[1]}")).status()).isEqualTo(204);
        Reply destroyed = vault.get(vault.kv("data", secret) + "?version=1");
        assertThat(destroyed.status()).isEqualTo(404);
        assertThat(destroyed.data().path("data").isNull()).isTrue();
        assertThat(destroyed.data().path("metadata").path("destroyed").asBoolean()).isTrue();
        assertThat(vault.post(vault.kv("undelete", secret), json("{'versions':[1]}")).status()).isEqualTo(204);
        assertThat(vault.get(vault.kv("data", secret) + "?version=1").status()).isEqualTo(404);
        assertThat(vault.get(vault.kv("metadata", secret)).data().path("versions").path("1").path("destroyed").asBoolean()).isTrue();

        Reply noVersions = vault.post(vault.kv("destroy", secret), json("{'versions':[]}"));
        assertThat(noVersions.status()).isEqualTo(400);
        assertThat(noVersions.json().path("errors")).containsExactly(text("no version number provided"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void maxVersionsDropsTheOldestVersionsForGood(ContractTarget vault) {
        String secret = unique("max-versions");
        assertThat(vault.post(vault.kv("metadata", secret), json("{'max_versions':2}")).status()).isEqualTo(204);
        for (int i = 1; i <= 4; i++) {
            Reply written = vault.post(vault.kv("data", secret), json("{'data':{'v':'" + i + "'}}"));
            assertThat(written.data().path("version").asInt()).isEqualTo(i);
        }

        JsonNode metadata = vault.get(vault.kv("metadata", secret)).data();
        assertThat(metadata.path("current_version").asInt()).isEqualTo(4);
        assertThat(metadata.path("oldest_version").asInt()).isEqualTo(3);
        assertThat(fieldNames(metadata.path("versions"))).containsExactlyInAnyOrder("3", "4");

        Reply trimmed = vault.get(vault.kv("data", secret) + "?version=2");
        assertThat(trimmed.status()).isEqualTo(404);
        assertThat(trimmed.json().path("errors")).isEmpty();
        assertThat(vault.get(vault.kv("data", secret) + "?version=3").data().path("data").path("v").asText()).isEqualTo("3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void listShowsKeysAndFoldersWithListMethodOrQuery(ContractTarget vault) {
        String folder = unique("list");
        vault.post(vault.kv("data", folder + "/alpha"), json("{'data':{'v':'1'}}"));
        vault.post(vault.kv("data", folder + "/nested/beta"), json("{'data':{'v':'1'}}"));

        Reply listed = vault.list(vault.kv("metadata", folder));
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.data().path("keys")).containsExactly(text("alpha"), text("nested/"));

        Reply viaQuery = vault.get(vault.kv("metadata", folder) + "/?list=true");
        assertThat(viaQuery.status()).isEqualTo(200);
        assertThat(viaQuery.data().path("keys")).isEqualTo(listed.data().path("keys"));

        assertThat(vault.list(vault.kv("metadata", folder + "/nested")).data().path("keys")).containsExactly(text("beta"));

        Reply empty = vault.list(vault.kv("metadata", unique("empty-folder")));
        assertThat(empty.status()).isEqualTo(404);
        assertThat(empty.json().path("errors")).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void deletingMetadataRemovesTheSecretAndAllVersions(ContractTarget vault) {
        String secret = unique("metadata-delete");
        vault.post(vault.kv("data", secret), json("{'data':{'v':'1'}}"));
        vault.post(vault.kv("data", secret), json("{'data':{'v':'2'}}"));

        assertThat(vault.delete(vault.kv("metadata", secret)).status()).isEqualTo(204);
        assertThat(vault.get(vault.kv("data", secret)).status()).isEqualTo(404);
        assertThat(vault.get(vault.kv("data", secret) + "?version=1").status()).isEqualTo(404);
        assertThat(vault.get(vault.kv("metadata", secret)).status()).isEqualTo(404);
        Reply recreated = vault.post(vault.kv("data", secret), json("{'options':{'cas':0},'data':{'v':'new'}}"));
        assertThat(recreated.data().path("version").asInt()).isEqualTo(1);
    }

    // ---------------------------------------------------------------- transit

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void transitKeyLifecycle(ContractTarget vault) {
        String key = unique("key").replace('/', '-');
        Reply created = vault.post(vault.transit("keys/" + key), json("{'type':'aes256-gcm96'}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        assertThat(created.data().path("name").asText()).isEqualTo(key);

        Reply read = vault.get(vault.transit("keys/" + key));
        assertThat(read.status()).isEqualTo(200);
        JsonNode info = read.data();
        assertThat(info.path("type").asText()).isEqualTo("aes256-gcm96");
        assertThat(info.path("latest_version").asInt()).isEqualTo(1);
        assertThat(info.path("min_decryption_version").asInt()).isEqualTo(1);
        assertThat(info.path("min_encryption_version").asInt()).isZero();
        assertThat(info.path("deletion_allowed").asBoolean()).isFalse();
        assertThat(info.path("exportable").asBoolean()).isFalse();
        assertThat(info.path("keys").path("1").asLong()).isCloseTo(Instant.now().getEpochSecond(), within(600L));

        String plaintext = base64("database password for tenant a");
        Reply encrypted = vault.post(vault.transit("encrypt/" + key), json("{'plaintext':'" + plaintext + "'}"));
        assertThat(encrypted.status()).isEqualTo(200);
        String v1Ciphertext = encrypted.data().path("ciphertext").asText();
        assertThat(v1Ciphertext).startsWith("vault:v1:");
        assertThat(encrypted.data().path("key_version").asInt()).isEqualTo(1);
        assertThat(decrypt(vault, key, v1Ciphertext).data().path("plaintext").asText()).isEqualTo(plaintext);
        assertThat(vault.post(vault.transit("encrypt/" + key), json("{'plaintext':'" + plaintext + "'}")).data().path("ciphertext").asText())
                .as("a fresh nonce per encryption").isNotEqualTo(v1Ciphertext);

        Reply rotated = vault.post(vault.transit("keys/" + key + "/rotate"), null);
        assertThat(rotated.status()).isIn(200, 204);
        assertThat(vault.get(vault.transit("keys/" + key)).data().path("latest_version").asInt()).isEqualTo(2);
        Reply encryptedV2 = vault.post(vault.transit("encrypt/" + key), json("{'plaintext':'" + plaintext + "'}"));
        assertThat(encryptedV2.data().path("ciphertext").asText()).startsWith("vault:v2:");

        Reply rewrapped = vault.post(vault.transit("rewrap/" + key), json("{'ciphertext':'" + v1Ciphertext + "'}"));
        assertThat(rewrapped.status()).isEqualTo(200);
        String v2Ciphertext = rewrapped.data().path("ciphertext").asText();
        assertThat(v2Ciphertext).startsWith("vault:v2:");
        assertThat(rewrapped.data().path("key_version").asInt()).isEqualTo(2);
        assertThat(decrypt(vault, key, v2Ciphertext).data().path("plaintext").asText()).isEqualTo(plaintext);

        Reply configured = vault.post(vault.transit("keys/" + key + "/config"), json("{'min_decryption_version':2}"));
        assertThat(configured.status()).isIn(200, 204);
        assertThat(vault.get(vault.transit("keys/" + key)).data().path("min_decryption_version").asInt()).isEqualTo(2);
        Reply tooOld = decrypt(vault, key, v1Ciphertext);
        assertThat(tooOld.status()).isEqualTo(400);
        assertThat(tooOld.json().path("errors")).containsExactly(text(TOO_OLD));
        assertThat(decrypt(vault, key, v2Ciphertext).status()).isEqualTo(200);

        Reply refused = vault.delete(vault.transit("keys/" + key));
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").path(0).asText()).contains("deletion is not allowed");
        vault.post(vault.transit("keys/" + key + "/config"), json("{'deletion_allowed':true}"));
        assertThat(vault.delete(vault.transit("keys/" + key)).status()).isEqualTo(204);
        assertThat(vault.get(vault.transit("keys/" + key)).status()).isEqualTo(404);
    }

    /** quarkus-vault's transit API always sends batch_input, even for a single item. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void transitBatchesCreateTheKeyOnFirstEncrypt(ContractTarget vault) {
        String key = unique("batch").replace('/', '-');
        ObjectNode encryptBody = json("{'batch_input':[{'plaintext':'" + base64("one") + "'},{'plaintext':'" + base64("two") + "'}]}");
        Reply encrypted = vault.post(vault.transit("encrypt/" + key), encryptBody);
        assertThat(encrypted.status()).as(encrypted.toString()).isEqualTo(200);
        JsonNode results = encrypted.data().path("batch_results");
        assertThat(results).hasSize(2);
        assertThat(results.path(0).path("ciphertext").asText()).startsWith("vault:v1:");
        assertThat(vault.get(vault.transit("keys/" + key)).status()).isEqualTo(200);

        ObjectNode decryptBody = json("{'batch_input':[{'ciphertext':'" + results.path(0).path("ciphertext").asText()
                + "'},{'ciphertext':'" + results.path(1).path("ciphertext").asText() + "'}]}");
        Reply decrypted = vault.post(vault.transit("decrypt/" + key), decryptBody);
        assertThat(decrypted.status()).isEqualTo(200);
        assertThat(decrypted.data().path("batch_results").path(0).path("plaintext").asText()).isEqualTo(base64("one"));
        assertThat(decrypted.data().path("batch_results").path(1).path("plaintext").asText()).isEqualTo(base64("two"));

        Reply partlyBad = vault.post(vault.transit("decrypt/" + key),
                json("{'batch_input':[{'ciphertext':'" + results.path(0).path("ciphertext").asText() + "'},{'ciphertext':'vault:v9:AAAA'}]}"));
        assertThat(partlyBad.status()).isEqualTo(400);
        assertThat(partlyBad.data().path("batch_results").path(0).path("plaintext").asText()).isEqualTo(base64("one"));
        assertThat(partlyBad.data().path("batch_results").path(1).path("error").asText()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void decryptingWithAnUnknownKeyIsRefused(ContractTarget vault) {
        Reply missing = decrypt(vault, unique("no-such-key").replace('/', '-'), "vault:v1:AAAA");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().path("errors")).containsExactly(text("encryption key not found"));
    }

    // ---------------------------------------------------------------- tokens

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void rootTokenLooksUpAsRootWithoutExpiry(ContractTarget vault) {
        Reply self = vault.get("auth/token/lookup-self");
        assertThat(self.status()).isEqualTo(200);
        assertThat(self.data().path("policies")).contains(text("root"));
        assertThat(self.data().path("ttl").asLong()).isZero();
        assertThat(self.data().path("expire_time").isNull()).isTrue();
        assertThat(self.data().path("id").asText()).isEqualTo(vault.token());
        assertThat(self.data().path("accessor").asText()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void childTokenRenewsUpToItsMaxThenExpires(ContractTarget vault) {
        Reply created = vault.post("auth/token/create",
                json("{'ttl':'2s','explicit_max_ttl':'4s','renewable':true,'policies':['rotor-contract']}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        JsonNode auth = created.json().path("auth");
        String child = auth.path("client_token").asText();
        assertThat(child).isNotEmpty();
        assertThat(auth.path("accessor").asText()).isNotEmpty();
        assertThat(auth.path("policies")).containsExactly(text("default"), text("rotor-contract"));
        assertThat(auth.path("lease_duration").asLong()).isEqualTo(2);
        assertThat(auth.path("renewable").asBoolean()).isTrue();

        Reply self = vault.http().call("GET", "auth/token/lookup-self", child, null);
        assertThat(self.status()).isEqualTo(200);
        assertThat(self.data().path("id").asText()).isEqualTo(child);
        assertThat(self.data().path("policies")).containsExactly(text("default"), text("rotor-contract"));
        assertThat(self.data().path("ttl").asLong()).isBetween(0L, 2L);
        assertThat(self.data().path("creation_ttl").asLong()).isEqualTo(2);
        assertThat(self.data().path("explicit_max_ttl").asLong()).isEqualTo(4);
        assertThat(self.data().path("renewable").asBoolean()).isTrue();
        assertThat(self.data().path("display_name").asText()).isEqualTo("token");
        assertThat(self.data().path("expire_time").asText()).matches(RFC3339_NANOS.replace("Z", "(Z|[+-]\\d{2}:\\d{2})"));

        Reply renewed = vault.http().call("POST", "auth/token/renew-self", child, json("{'increment':'1h'}"));
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        assertThat(renewed.json().path("auth").path("client_token").asText()).isEqualTo(child);
        assertThat(renewed.json().path("auth").path("lease_duration").asLong())
                .as("capped by explicit_max_ttl").isBetween(1L, 4L);
        assertThat(renewed.json().path("warnings").isArray()).isTrue();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        int status = 200;
        while (status == 200 && Instant.now().isBefore(deadline)) {
            sleep(Duration.ofMillis(250));
            status = vault.http().call("GET", "auth/token/lookup-self", child, null).status();
        }
        assertThat(status).as("the token expired at its explicit max TTL").isEqualTo(403);
        assertThat(vault.http().call("POST", "auth/token/renew-self", child, json("{'increment':'1h'}")).status()).isEqualTo(403);
    }

    /** What a long-running service holds: renewed to its period each time, past Vault's 768 h system max. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void periodicTokenRenewsToItsPeriodWhateverTheIncrementAndOnlyRootMayCreateOne(ContractTarget vault) {
        Reply created = vault.post("auth/token/create", json("{'period':'30m','policies':['rotor-contract']}"));
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        String periodic = created.json().path("auth").path("client_token").asText();
        assertThat(created.json().path("auth").path("lease_duration").asLong()).isEqualTo(1800);
        assertThat(created.json().path("auth").path("renewable").asBoolean()).isTrue();

        Reply self = vault.http().call("GET", "auth/token/lookup-self", periodic, null);
        assertThat(self.data().path("period").asLong()).isEqualTo(1800);
        assertThat(self.data().path("creation_ttl").asLong()).isEqualTo(1800);

        Reply renewed = vault.http().call("POST", "auth/token/renew-self", periodic, json("{'increment':'5m'}"));
        assertThat(renewed.status()).as(renewed.toString()).isEqualTo(200);
        assertThat(renewed.json().path("auth").path("lease_duration").asLong()).as("the period, not the increment").isEqualTo(1800);

        Reply plain = vault.http().call("GET", "auth/token/lookup-self",
                vault.post("auth/token/create", json("{'ttl':'1h'}")).json().path("auth").path("client_token").asText(), null);
        assertThat(plain.data().has("period")).as("a token without a period does not name one").isFalse();

        // Refused by the policy check (403) or, with create allowed but no sudo, by the token store (400).
        Reply byChild = vault.http().call("POST", "auth/token/create", periodic, json("{'period':'1h'}"));
        assertThat(byChild.status()).isIn(400, 403);
        assertThat(byChild.json().path("auth").path("client_token").isMissingNode()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void revokedTokenIsRefused(ContractTarget vault) {
        String child = vault.post("auth/token/create", json("{'ttl':'1h'}")).json().path("auth").path("client_token").asText();
        assertThat(vault.http().call("GET", "auth/token/lookup-self", child, null).status()).isEqualTo(200);

        assertThat(vault.http().call("POST", "auth/token/revoke-self", child, null).status()).isEqualTo(204);
        assertThat(vault.http().call("GET", "auth/token/lookup-self", child, null).status()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void callsWithoutAValidTokenAreDenied(ContractTarget vault) {
        for (String token : new String[] {null, "not-a-token-" + UUID.randomUUID()}) {
            Reply denied = vault.http().call("GET", vault.kv("data", unique("denied")), token, null);
            assertThat(denied.status()).isEqualTo(403);
            assertThat(denied.json().path("errors")).anySatisfy(error -> assertThat(error.asText()).contains("permission denied"));
        }
    }

    // ---------------------------------------------------------------- sys

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void healthNeedsNoToken(ContractTarget vault) {
        Reply health = vault.http().call("GET", "sys/health", null, null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("initialized").asBoolean()).isTrue();
        assertThat(health.json().path("sealed").asBoolean()).isFalse();
        assertThat(health.json().path("standby").asBoolean()).isFalse();
        assertThat(health.json().path("version").asText()).isNotEmpty();
        assertThat(health.json().path("cluster_name").asText()).isNotEmpty();
        assertThat(health.json().path("server_time_utc").asLong()).isPositive();
        // quarkus-vault's health check sends HEAD.
        assertThat(vault.http().call("HEAD", "sys/health", null, null).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aSealedVaultAnswers503UntilUnsealedAndKeepsItsData(ContractTarget vault) {
        String unsealKey = vault.unsealKeyOrAbort();
        String secret = unique("sealed");
        assertThat(vault.post(vault.kv("data", secret), json("{'options':{'cas':0},'data':{'password':'kept'}}")).status())
                .isEqualTo(200);

        assertThat(vault.put("sys/seal", null).status()).isEqualTo(204);
        try {
            for (Reply refused : List.of(vault.get(vault.kv("data", secret)),
                    vault.post(vault.kv("data", secret), json("{'data':{'password':'while-sealed'}}")),
                    vault.get("sys/mounts"))) {
                assertThat(refused.status()).as(refused.toString()).isEqualTo(503);
                assertThat(refused.json().path("errors")).containsExactly(text(SEALED));
            }
            Reply health = vault.http().call("GET", "sys/health", null, null);
            assertThat(health.status()).isEqualTo(503);
            assertThat(health.json().path("sealed").asBoolean()).isTrue();
            assertThat(health.json().path("initialized").asBoolean()).isTrue();
            assertThat(vault.http().call("HEAD", "sys/health", null, null).status()).isEqualTo(503);
            Reply status = vault.http().call("GET", "sys/seal-status", null, null);
            assertThat(status.status()).isEqualTo(200);
            assertThat(status.json().path("sealed").asBoolean()).isTrue();
            assertThat(status.json().path("type").asText()).isEqualTo("shamir");
            assertThat(status.json().path("progress").asInt()).isZero();

            // Too short to be any Vault's key: Vault refuses it with 400 before trying it.
            Reply wrong = unseal(vault, json("{'key':'" + base64("wrong-key") + "'}"));
            assertThat(wrong.status()).as(wrong.toString()).isEqualTo(400);
            assertThat(wrong.json().path("errors")).isNotEmpty();
            Reply malformed = unseal(vault, json("{'key':'not a key!'}"));
            assertThat(malformed.status()).isEqualTo(400);
            assertThat(malformed.json().path("errors")).containsExactly(text("'key' must be a valid hex or base64 string"));
            Reply reset = unseal(vault, json("{'reset':true}"));
            assertThat(reset.status()).isEqualTo(200);
            assertThat(reset.json().path("sealed").asBoolean()).isTrue();
            assertThat(vault.get(vault.kv("data", secret)).status()).as("still sealed").isEqualTo(503);

            Reply unsealed = unseal(vault, json("{'key':'" + unsealKey + "'}"));
            assertThat(unsealed.status()).as(unsealed.toString()).isEqualTo(200);
            assertThat(unsealed.json().path("sealed").asBoolean()).isFalse();
            assertThat(unsealed.json().path("progress").asInt()).isZero();
            assertThat(unsealed.json().path("t").asInt()).isPositive();
        } finally {
            unseal(vault, json("{'key':'" + unsealKey + "'}"));
        }

        Reply read = vault.get(vault.kv("data", secret));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.data().path("data").path("password").asText()).isEqualTo("kept");
        assertThat(read.data().path("metadata").path("version").asInt()).as("the sealed write did not happen").isEqualTo(1);
        assertThat(vault.http().call("GET", "sys/health", null, null).status()).isEqualTo(200);
        Reply resetUnsealed = unseal(vault, json("{'reset':true}"));
        assertThat(resetUnsealed.status()).isEqualTo(400);
        assertThat(resetUnsealed.json().path("errors")).containsExactly(text("vault is unsealed"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void sealingNeedsARootToken(ContractTarget vault) {
        String child = vault.post("auth/token/create", json("{'ttl':'1h','policies':['rotor-contract']}"))
                .json().path("auth").path("client_token").asText();
        for (String token : new String[] {null, child}) {
            Reply denied = vault.http().call("PUT", "sys/seal", token, null);
            assertThat(denied.status()).as(denied.toString()).isEqualTo(403);
        }
        Reply status = vault.http().call("GET", "sys/seal-status", null, null);
        assertThat(status.json().path("sealed").asBoolean()).isFalse();
        assertThat(vault.get(vault.kv("data", unique("still-open"))).status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void mountsDescribeTheirTypeAndKvVersion(ContractTarget vault) {
        Reply mounts = vault.get("sys/mounts");
        assertThat(mounts.status()).isEqualTo(200);
        assertThat(mounts.data().path(vault.kvMount() + "/").path("type").asText()).isEqualTo("kv");
        assertThat(mounts.data().path(vault.kvMount() + "/").path("options").path("version").asText()).isEqualTo("2");
        assertThat(mounts.data().path(vault.transitMount() + "/").path("type").asText()).isEqualTo("transit");

        Reply ui = vault.get("sys/internal/ui/mounts/" + vault.kv("data", "some/secret"));
        assertThat(ui.status()).isEqualTo(200);
        assertThat(ui.data().path("path").asText()).isEqualTo(vault.kvMount() + "/");
        assertThat(ui.data().path("type").asText()).isEqualTo("kv");
        assertThat(ui.data().path("options").path("version").asText()).isEqualTo("2");

        Reply taken = vault.post("sys/mounts/" + vault.kvMount(), json("{'type':'kv','options':{'version':'2'}}"));
        assertThat(taken.status()).isEqualTo(400);
        assertThat(taken.json().path("errors").path(0).asText()).contains("path is already in use at " + vault.kvMount() + "/");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void revokingAnUnknownLeaseSucceeds(ContractTarget vault) {
        Reply revoked = vault.put("sys/leases/revoke", json("{'lease_id':'rotor-contract/unknown/" + UUID.randomUUID() + "'}"));
        assertThat(revoked.status()).as(revoked.toString()).isEqualTo(204);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void anUnmountedPathHasNoHandler(ContractTarget vault) {
        String path = "rotor-contract-nothing-" + UUID.randomUUID().toString().substring(0, 8) + "/thing";
        Reply missing = vault.get(path);
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().path("errors").path(0).asText()).contains("no handler for route");
    }

    // ---------------------------------------------------------------- helpers

    private static Reply decrypt(ContractTarget vault, String key, String ciphertext) {
        return vault.post(vault.transit("decrypt/" + key), json("{'ciphertext':'" + ciphertext + "'}"));
    }

    /** sys/unseal needs no token: a sealed Vault cannot check one. */
    private static Reply unseal(ContractTarget vault, ObjectNode body) {
        return vault.http().call("PUT", "sys/unseal", null, body);
    }

    private static String unique(String name) {
        return "rotor-contract/" + name + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static JsonNode text(String value) {
        return VaultHttp.MAPPER.getNodeFactory().textNode(value);
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
