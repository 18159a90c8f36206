package dev.rotor.vaultdev;

import static dev.rotor.vaultdev.VaultHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rotor.vaultdev.VaultHttp.Reply;

/**
 * The per-service policies in {@code deploy/vault/policies/} do what their comments say, on the
 * layout that {@code ./rotor up} and the demo use (mount "secret", staging under rotor-staging,
 * leases under rotor-leases, admin credentials under admin/): each service's token can make the
 * calls that service makes, and the values stay with the rotator (and, for staging, the verifier).
 */
class ServicePoliciesTest {

    /** Surefire runs in the module's directory, so this is deploy/vault/policies. */
    private static final Path POLICIES = Path.of("../vault/policies");
    private static final String ROOT = "service-policies-root";
    private static final String STORE = "apps/orders-db";
    private static final String STAGING = "rotor-staging/" + STORE;
    private static final String ADMIN = "admin/postgres";

    private VaultDevServer server;
    private VaultHttp http;

    private String rotator;
    private String verifier;
    private String scheduler;
    private String audit;

    /** A fresh server per test, so that no test sees another's staging entry or lease. */
    @BeforeEach
    void startLoadPoliciesAndSeedTheStore() throws IOException {
        server = VaultDevServer.start(0, null, ROOT);
        http = new VaultHttp(server.address());
        rotator = tokenFor("rotator");
        verifier = tokenFor("verifier");
        scheduler = tokenFor("scheduler");
        audit = tokenFor("audit");
        asRoot("POST", "secret/data/" + STORE, json("{'data':{'username':'orders','password':'current'}}"));
        asRoot("POST", "secret/data/" + ADMIN, json("{'data':{'username':'postgres','password':'admin'}}"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void theRotatorReadsAndWritesStoreEntriesStagingAndLeases() {
        assertThat(call(rotator, "GET", "secret/data/" + STORE, null).status()).isEqualTo(200);
        assertThat(call(rotator, "GET", "secret/data/" + ADMIN, null).status()).isEqualTo(200);

        assertThat(call(rotator, "POST", "secret/data/" + STAGING, json("{'options':{'cas':0},'data':{'password':'next'}}")).status())
                .as("stage").isEqualTo(200);
        assertThat(call(rotator, "GET", "secret/data/" + STAGING, null).status()).isEqualTo(200);
        assertThat(call(rotator, "POST", "secret/data/" + STAGING, json("{'options':{'cas':1},'data':{'password':'next'}}")).status())
                .as("mark setting").isEqualTo(200);
        assertThat(call(rotator, "LIST", "secret/metadata/rotor-staging", null).status()).as("the reaper's list").isEqualTo(200);

        assertThat(call(rotator, "POST", "secret/data/" + STORE, json("{'options':{'cas':1},'data':{'password':'next'}}")).status())
                .as("promote").isEqualTo(200);
        assertThat(call(rotator, "GET", "secret/metadata/" + STORE, null).status()).isEqualTo(200);
        assertThat(call(rotator, "POST", "secret/metadata/" + STORE, json("{'custom_metadata':{'rotor-recent-ends':'r1:PROMOTED'}}"))
                .status()).as("record the end").isEqualTo(204);
        assertThat(call(rotator, "DELETE", "secret/metadata/" + STAGING, null).status()).as("drop staging").isEqualTo(204);

        assertThat(call(rotator, "POST", "secret/data/rotor-leases/" + STORE, json("{'options':{'cas':0},'data':{'holder':'r'}}"))
                .status()).as("take a lease").isEqualTo(200);
        assertThat(call(rotator, "POST", "secret/data/rotor-leases/" + STORE, json("{'options':{'cas':1},'data':{'holder':'r'}}"))
                .status()).as("renew it").isEqualTo(200);
    }

    @Test
    void theRotatorNeitherWritesAdminCredentialsNorCreatesStoreEntries() {
        assertThat(call(rotator, "POST", "secret/data/" + ADMIN, json("{'data':{'password':'mine'}}")).status()).isEqualTo(403);
        assertThat(call(rotator, "POST", "secret/data/apps/new", json("{'data':{'password':'mine'}}")).status()).isEqualTo(403);
    }

    @Test
    void theVerifierReadsStagingOnly() {
        asRoot("POST", "secret/data/" + STAGING, json("{'data':{'username':'orders','password':'next'}}"));

        assertThat(call(verifier, "GET", "secret/data/" + STAGING, null).status()).isEqualTo(200);
        assertThat(call(verifier, "GET", "secret/data/" + STORE, null).status()).isEqualTo(403);
        assertThat(call(verifier, "GET", "secret/data/" + ADMIN, null).status()).isEqualTo(403);
        assertThat(call(verifier, "POST", "secret/data/" + STAGING, json("{'data':{'password':'x'}}")).status()).isEqualTo(403);
        assertThat(call(verifier, "LIST", "secret/metadata/rotor-staging", null).status()).isEqualTo(403);
    }

    @Test
    void theSchedulerSeesMetadataAndNeverAValue() {
        asRoot("POST", "secret/data/" + STAGING, json("{'data':{'username':'orders','password':'next'}}"));

        assertThat(call(scheduler, "GET", "secret/data/" + STORE, null).status()).isEqualTo(403);
        assertThat(call(scheduler, "GET", "secret/data/" + ADMIN, null).status()).isEqualTo(403);
        assertThat(call(scheduler, "GET", "secret/data/" + STAGING, null).status()).isEqualTo(403);

        Reply metadata = call(scheduler, "GET", "secret/metadata/" + STORE, null);
        assertThat(metadata.status()).isEqualTo(200);
        assertThat(metadata.data().path("current_version").asInt()).isEqualTo(1);
        Reply listed = call(scheduler, "LIST", "secret/metadata/apps", null);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.data().path("keys").toString()).contains("orders-db");
        assertThat(call(scheduler, "POST", "secret/metadata/" + STORE, json("{'max_versions':1}")).status()).isEqualTo(403);
    }

    @Test
    void theAuditChainKeyIsTheAuditsAlone() {
        String key = "secret/data/rotor/audit/chain-key";
        assertThat(call(audit, "POST", key, json("{'options':{'cas':0},'data':{'key':'k'}}")).status()).isEqualTo(200);
        assertThat(call(audit, "GET", key, null).status()).isEqualTo(200);
        for (String other : new String[] {rotator, verifier, scheduler}) {
            assertThat(call(other, "GET", key, null).status()).isEqualTo(403);
        }
    }

    @Test
    void theAuditServiceReadsNothingButItsKey() {
        asRoot("POST", "secret/data/" + STAGING, json("{'data':{'username':'orders','password':'next'}}"));

        for (String path : new String[] {"secret/data/" + STORE, "secret/data/" + STAGING, "secret/metadata/" + STORE}) {
            assertThat(call(audit, "GET", path, null).status()).as(path).isEqualTo(403);
        }
        assertThat(call(audit, "GET", "auth/token/lookup-self", null).status()).isEqualTo(200);
    }

    /** Loads deploy/vault/policies/<service>.hcl as policy <service> and makes a token with it. */
    private String tokenFor(String service) throws IOException {
        Path file = POLICIES.resolve(service + ".hcl");
        assertThat(file).as("the policy file, from " + Path.of("").toAbsolutePath()).exists();
        ObjectNode policy = VaultHttp.MAPPER.createObjectNode().put("policy", Files.readString(file));
        asRoot("PUT", "sys/policies/acl/" + service, policy);
        Reply token = asRoot("POST", "auth/token/create", json("{'ttl':'1h','policies':['" + service + "']}"));
        return token.json().path("auth").path("client_token").asText();
    }

    private Reply asRoot(String method, String path, ObjectNode body) {
        Reply reply = http.call(method, path, ROOT, body);
        assertThat(reply.status()).as(method + " " + path + ": " + reply).isBetween(200, 204);
        return reply;
    }

    private Reply call(String token, String method, String path, ObjectNode body) {
        return http.call(method, path, token, body);
    }
}
