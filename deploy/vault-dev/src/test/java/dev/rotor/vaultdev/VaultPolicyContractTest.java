package dev.rotor.vaultdev;

import static dev.rotor.vaultdev.VaultHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * Vault's ACL semantics, checked on the wire against the Vaults of {@link ContractTargets}: path
 * globs, {@code +} segments, which of several matching patterns decides, deny, create versus
 * update, list, capabilities-self, the default policy, the child-token rule and the 403 body.
 * Each policy gets a name unique to the run and is deleted at the end, so a shared Vault is left
 * as it was.
 */
class VaultPolicyContractTest {

    private static final String ACL_DENIED = "1 error occurred:\n\t* permission denied\n\n";

    private static ContractTargets vaults;
    private static final List<Map.Entry<ContractTarget, String>> WRITTEN = new ArrayList<>();

    @BeforeAll
    static void startTargets() {
        vaults = ContractTargets.start("policy-contract-root");
    }

    @AfterAll
    static void deletePoliciesAndStopTargets() {
        WRITTEN.forEach(written -> written.getKey().delete("sys/policies/acl/" + written.getValue()));
        if (vaults != null) {
            vaults.close();
        }
    }

    static Stream<ContractTarget> targets() {
        return vaults.stream();
    }

    // ---------------------------------------------------------------- matching

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aGlobGrantsEverythingThatStartsWithItsPrefix(ContractTarget vault) {
        String folder = folder();
        String token = tokenWith(vault, policy(vault, """
                path "%s/app*" {
                  capabilities = ["read"]
                }
                """.formatted(data(vault, folder))));
        writeAsRoot(vault, folder + "/app/db", folder + "/apple", folder + "/other", folder + "/ap");

        assertThat(read(vault, token, folder + "/app/db").status()).isEqualTo(200);
        assertThat(read(vault, token, folder + "/apple").status()).as("the glob is a prefix, not a segment").isEqualTo(200);
        assertThat(read(vault, token, folder + "/other").status()).isEqualTo(403);
        assertThat(read(vault, token, folder + "/ap").status()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aPlusMatchesExactlyOneSegment(ContractTarget vault) {
        String folder = folder();
        String token = tokenWith(vault, policy(vault, """
                path "%1$s/+/config" {
                  capabilities = ["read"]
                }
                path "%1$s/+/shared/*" {
                  capabilities = ["read"]
                }
                """.formatted(data(vault, folder))));
        writeAsRoot(vault, folder + "/a/config", folder + "/a/b/config", folder + "/a/other", folder + "/b/shared/x/y");

        assertThat(read(vault, token, folder + "/a/config").status()).isEqualTo(200);
        assertThat(read(vault, token, folder + "/a/b/config").status()).as("two segments where + takes one").isEqualTo(403);
        assertThat(read(vault, token, folder + "/a/other").status()).isEqualTo(403);
        assertThat(read(vault, token, folder + "/b/shared/x/y").status()).as("+ then a glob").isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void anExactPatternDecidesAloneOverAGlob(ContractTarget vault) {
        String folder = folder();
        String token = tokenWith(vault, policy(vault, """
                path "%1$s/*" {
                  capabilities = ["read"]
                }
                path "%1$s/special" {
                  capabilities = ["update"]
                }
                """.formatted(data(vault, folder))));
        writeAsRoot(vault, folder + "/plain", folder + "/special");

        assertThat(read(vault, token, folder + "/plain").status()).isEqualTo(200);
        assertThat(read(vault, token, folder + "/special").status())
                .as("the exact pattern decides; the glob's read is not added").isEqualTo(403);
        assertThat(write(vault, token, folder + "/special").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void amongWildcardPatternsVaultsPriorityOrderDecides(ContractTarget vault) {
        String folder = folder();
        String token = tokenWith(vault, policy(vault, """
                # The first wildcard later wins: team/* over +/db.
                path "%1$s/+/db" {
                  capabilities = ["read"]
                }
                path "%1$s/team/*" {
                  capabilities = ["list"]
                }
                # At the same position, a pattern without a trailing glob wins.
                path "%1$s/+/key" {
                  capabilities = ["read"]
                }
                path "%1$s/+/*" {
                  capabilities = ["list"]
                }
                # Then the one with fewer + segments.
                path "%1$s/+/y/z" {
                  capabilities = ["read"]
                }
                path "%1$s/+/+/z" {
                  capabilities = ["list"]
                }
                # Among plain globs, the longest prefix.
                path "%1$s/open/*" {
                  capabilities = ["read"]
                }
                path "%1$s/open/closed/*" {
                  capabilities = ["list"]
                }
                """.formatted(data(vault, folder))));
        writeAsRoot(vault, folder + "/team/db", folder + "/other/db", folder + "/x/key", folder + "/x/y/z",
                folder + "/open/a", folder + "/open/closed/b");

        assertThat(read(vault, token, folder + "/team/db").status()).isEqualTo(403);
        assertThat(read(vault, token, folder + "/other/db").status()).isEqualTo(200);
        assertThat(read(vault, token, folder + "/x/key").status()).isEqualTo(200);
        assertThat(read(vault, token, folder + "/x/y/z").status()).isEqualTo(200);
        assertThat(read(vault, token, folder + "/open/a").status()).isEqualTo(200);
        assertThat(read(vault, token, folder + "/open/closed/b").status()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theSamePatternInTwoPoliciesUnionsUnlessOneDenies(ContractTarget vault) {
        String folder = folder();
        String readers = policy(vault, """
                path "%1$s/union/*" {
                  capabilities = ["read"]
                }
                path "%1$s/shared/*" {
                  capabilities = ["read", "list"]
                }
                """.formatted(data(vault, folder)));
        String writersAndDenial = policy(vault, """
                path "%1$s/union/*" {
                  capabilities = ["create"]
                }
                path "%1$s/shared/*" {
                  capabilities = ["deny"]
                }
                """.formatted(data(vault, folder)));
        String token = tokenWith(vault, readers, writersAndDenial);
        writeAsRoot(vault, folder + "/union/old", folder + "/shared/x");

        assertThat(read(vault, token, folder + "/union/old").status()).isEqualTo(200);
        assertThat(write(vault, token, folder + "/union/new").status()).isEqualTo(200);
        assertThat(read(vault, token, folder + "/shared/x").status()).as("deny wins").isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void anExactDenyBeatsAGlobThatGrants(ContractTarget vault) {
        String folder = folder();
        String token = tokenWith(vault, policy(vault, """
                path "%1$s/*" {
                  capabilities = ["create", "read", "update", "delete", "list"]
                }
                path "%1$s/locked" {
                  capabilities = ["deny", "read"]
                }
                """.formatted(data(vault, folder))));
        writeAsRoot(vault, folder + "/open", folder + "/locked");

        assertThat(read(vault, token, folder + "/open").status()).isEqualTo(200);
        assertThat(read(vault, token, folder + "/locked").status()).isEqualTo(403);
        assertThat(write(vault, token, folder + "/locked").status()).isEqualTo(403);
    }

    // ---------------------------------------------------------------- operations

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void kvWritesNeedCreateForANewSecretAndUpdateForAnExistingOne(ContractTarget vault) {
        String folder = folder();
        String creator = tokenWith(vault, policy(vault, capability(data(vault, folder) + "/*", "create")));
        String updater = tokenWith(vault, policy(vault, capability(data(vault, folder) + "/*", "update")));

        assertThat(write(vault, creator, folder + "/new").status()).isEqualTo(200);
        assertThat(write(vault, creator, folder + "/new").status()).as("exists now: an update").isEqualTo(403);

        assertThat(write(vault, updater, folder + "/fresh").status()).as("does not exist: a create").isEqualTo(403);
        writeAsRoot(vault, folder + "/fresh");
        assertThat(write(vault, updater, folder + "/fresh").status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void transitEncryptWithANewKeyIsACreate(ContractTarget vault) {
        String key = "acl-" + shortId();
        String updater = tokenWith(vault, policy(vault, capability(vault.transit("encrypt/*"), "update")));
        ObjectNode plaintext = json("{'plaintext':'c2VjcmV0'}");

        assertThat(vault.http().call("POST", vault.transit("encrypt/" + key), updater, plaintext).status()).isEqualTo(403);
        assertThat(vault.post(vault.transit("keys/" + key), json("{}")).status()).isIn(200, 204);
        assertThat(vault.http().call("POST", vault.transit("encrypt/" + key), updater, plaintext).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void listingNeedsListOnTheMetadataPath(ContractTarget vault) {
        String folder = folder();
        String exact = folder();
        String token = tokenWith(vault, policy(vault, """
                path "%s/*" {
                  capabilities = ["list"]
                }
                # No trailing slash: Vault lets it match the LIST of that folder as well.
                path "%s" {
                  capabilities = ["list"]
                }
                """.formatted(vault.kvMount() + "/metadata/" + folder, vault.kvMount() + "/metadata/" + exact)));
        writeAsRoot(vault, folder + "/a", folder + "/team/b", exact + "/x");

        Reply listed = vault.http().call("LIST", vault.kvMount() + "/metadata/" + folder, token, null);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.data().path("keys")).containsExactly(text("a"), text("team/"));
        assertThat(vault.http().call("LIST", vault.kvMount() + "/metadata/" + exact, token, null).status()).isEqualTo(200);
        assertThat(vault.http().call("GET", vault.kvMount() + "/metadata/" + folder + "/a", token, null).status())
                .as("list is not read").isEqualTo(403);
        assertThat(read(vault, token, folder + "/a").status()).isEqualTo(403);
    }

    // ---------------------------------------------------------------- capabilities-self and the default policy

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void capabilitiesSelfAnswersPerPath(ContractTarget vault) {
        String folder = folder();
        String token = tokenWith(vault, policy(vault, """
                path "%1$s/*" {
                  capabilities = ["read", "list", "create"]
                }
                path "%1$s/locked" {
                  capabilities = ["deny"]
                }
                """.formatted(data(vault, folder))));
        String open = data(vault, folder) + "/x";
        String locked = data(vault, folder) + "/locked";
        String elsewhere = data(vault, folder() + "/y");

        Reply many = vault.http().call("POST", "sys/capabilities-self", token,
                json("{'paths':['" + open + "','" + locked + "','" + elsewhere + "']}"));
        assertThat(many.status()).as(many.toString()).isEqualTo(200);
        assertThat(many.data().path(open)).containsExactly(text("create"), text("list"), text("read"));
        assertThat(many.data().path(locked)).containsExactly(text("deny"));
        assertThat(many.data().path(elsewhere)).containsExactly(text("deny"));
        assertThat(many.data().has("capabilities")).isFalse();

        Reply one = vault.http().call("POST", "sys/capabilities-self", token, json("{'paths':['" + open + "']}"));
        assertThat(one.data().path("capabilities")).containsExactly(text("create"), text("list"), text("read"));

        Reply root = vault.post("sys/capabilities-self", json("{'paths':['" + open + "']}"));
        assertThat(root.data().path(open)).containsExactly(text("root"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void theDefaultPolicyLetsATokenLookItselfUpAndNothingMore(ContractTarget vault) {
        String missingPolicy = "rotor-contract-missing-" + shortId();
        String token = tokenWith(vault, missingPolicy);

        Reply self = vault.http().call("GET", "auth/token/lookup-self", token, null);
        assertThat(self.status()).as(self.toString()).isEqualTo(200);
        assertThat(self.data().path("policies")).containsExactly(text("default"), text(missingPolicy));
        assertThat(vault.http().call("POST", "sys/capabilities-self", token, json("{'paths':['sys/mounts']}")).status())
                .isEqualTo(200);
        assertThat(vault.http().call("GET", "sys/mounts", token, null).status()).isEqualTo(403);
        assertThat(read(vault, token, folder() + "/anything").status()).isEqualTo(403);

        Reply bare = vault.post("auth/token/create",
                json("{'ttl':'1h','no_default_policy':true,'policies':['" + missingPolicy + "']}"));
        String withoutDefault = bare.json().path("auth").path("client_token").asText();
        assertThat(vault.http().call("GET", "auth/token/lookup-self", withoutDefault, null).status()).isEqualTo(403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aDeniedCallGetsVaultsExactBody(ContractTarget vault) {
        String token = tokenWith(vault, "rotor-contract-missing-" + shortId());

        Reply denied = read(vault, token, folder() + "/secret");

        ObjectNode vaults403 = VaultHttp.MAPPER.createObjectNode();
        vaults403.putArray("errors").add(ACL_DENIED);
        assertThat(denied.status()).isEqualTo(403);
        assertThat(denied.json()).isEqualTo(vaults403);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aMountIsDescribedToATokenThatCanReachSomethingInIt(ContractTarget vault) {
        String folder = folder();
        String reader = tokenWith(vault, policy(vault, capability(data(vault, folder) + "/*", "read")));
        String stranger = tokenWith(vault, "rotor-contract-missing-" + shortId());
        String preflight = "sys/internal/ui/mounts/" + data(vault, folder + "/x");

        Reply described = vault.http().call("GET", preflight, reader, null);
        assertThat(described.status()).as(described.toString()).isEqualTo(200);
        assertThat(described.data().path("path").asText()).isEqualTo(vault.kvMount() + "/");
        assertThat(vault.http().call("GET", preflight, stranger, null).status()).isEqualTo(403);
    }

    // ---------------------------------------------------------------- child tokens

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aChildGetsOnlyItsParentsPoliciesUnlessTheParentHasSudo(ContractTarget vault) {
        String creator = policy(vault, capability("auth/token/create", "update"));
        String other = policy(vault, capability(data(vault, folder()) + "/*", "read"));
        String parent = tokenWith(vault, creator);

        Reply beyond = vault.http().call("POST", "auth/token/create", parent, json("{'ttl':'1h','policies':['" + other + "']}"));
        assertThat(beyond.status()).isEqualTo(400);
        assertThat(beyond.json().path("errors").path(0).asText()).isEqualTo("child policies must be subset of parent");

        Reply subset = vault.http().call("POST", "auth/token/create", parent, json("{'ttl':'1h','policies':['" + creator + "']}"));
        assertThat(subset.status()).as(subset.toString()).isEqualTo(200);
        String child = subset.json().path("auth").path("client_token").asText();
        Reply childSelf = vault.http().call("GET", "auth/token/lookup-self", child, null);
        assertThat(childSelf.data().path("policies")).containsExactly(text("default"), text(creator));

        Reply inherited = vault.http().call("POST", "auth/token/create", parent, json("{'ttl':'1h'}"));
        assertThat(inherited.json().path("auth").path("policies")).containsExactly(text("default"), text(creator));

        Reply chosenId = vault.http().call("POST", "auth/token/create", parent, json("{'ttl':'1h','id':'rotor-contract-" + shortId() + "'}"));
        assertThat(chosenId.status()).isEqualTo(400);

        String sudoParent = tokenWith(vault, policy(vault, capability("auth/token/create", "update", "sudo")));
        Reply any = vault.http().call("POST", "auth/token/create", sudoParent, json("{'ttl':'1h','policies':['" + other + "']}"));
        assertThat(any.status()).as(any.toString()).isEqualTo(200);
    }

    // ---------------------------------------------------------------- the policy endpoints

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void policiesAreWrittenReadListedAndDeleted(ContractTarget vault) {
        String hcl = capability(data(vault, folder()) + "/*", "read");
        String name = policy(vault, hcl);

        Reply read = vault.get("sys/policies/acl/" + name);
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.data().path("name").asText()).isEqualTo(name);
        assertThat(read.data().path("policy").asText()).isEqualTo(hcl);
        assertThat(vault.list("sys/policies/acl").data().path("keys")).contains(text(name), text("default"), text("root"));

        Reply legacy = vault.get("sys/policy/" + name);
        assertThat(legacy.data().path("rules").asText()).isEqualTo(hcl);
        String changed = capability(data(vault, folder()) + "/*", "list");
        ObjectNode rules = VaultHttp.MAPPER.createObjectNode().put("rules", changed);
        assertThat(vault.put("sys/policy/" + name, rules).status()).isEqualTo(204);
        assertThat(vault.get("sys/policies/acl/" + name).data().path("policy").asText()).isEqualTo(changed);

        assertThat(vault.delete("sys/policies/acl/" + name).status()).isEqualTo(204);
        assertThat(vault.get("sys/policies/acl/" + name).status()).isEqualTo(404);

        Reply root = vault.put("sys/policies/acl/root", policyBody(hcl));
        assertThat(root.status()).isEqualTo(400);
        assertThat(root.json().path("errors").path(0).asText()).isEqualTo("cannot update \"root\" policy");
        Reply defaultPolicy = vault.delete("sys/policies/acl/default");
        assertThat(defaultPolicy.status()).isEqualTo(400);
        assertThat(defaultPolicy.json().path("errors").path(0).asText()).isEqualTo("cannot delete \"default\" policy");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void aPolicyThatDoesNotParseIsRefusedNamingItsLine(ContractTarget vault) {
        String name = "rotor-contract-broken-" + shortId();
        String broken = """
                path "secret/data/a" {
                  capabilities = ["read"]
                }
                path "secret/data/b" {
                  capabilities = ["read"
                }
                """;

        Reply refused = vault.put("sys/policies/acl/" + name, policyBody(broken));

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().path("errors").path(0).asText()).startsWith("failed to parse policy: At 6:1: ");
        assertThat(vault.get("sys/policies/acl/" + name).status()).isEqualTo(404);
    }

    // ---------------------------------------------------------------- helpers

    /** Writes a policy under a name unique to this run, to be deleted at the end. */
    private static String policy(ContractTarget vault, String hcl) {
        String name = "rotor-contract-" + shortId();
        Reply written = vault.put("sys/policies/acl/" + name, policyBody(hcl));
        assertThat(written.status()).as("write policy " + name + ": " + written).isEqualTo(204);
        synchronized (WRITTEN) {
            WRITTEN.add(Map.entry(vault, name));
        }
        return name;
    }

    private static String capability(String path, String... capabilities) {
        return "path \"" + path + "\" {\n  capabilities = [\"" + String.join("\", \"", capabilities) + "\"]\n}\n";
    }

    private static ObjectNode policyBody(String hcl) {
        return VaultHttp.MAPPER.createObjectNode().put("policy", hcl);
    }

    /** A token made by the root token, with these policies (and "default"). */
    private static String tokenWith(ContractTarget vault, String... policies) {
        ObjectNode body = json("{'ttl':'1h'}");
        for (String policy : policies) {
            body.withArray("policies").add(policy);
        }
        Reply created = vault.post("auth/token/create", body);
        assertThat(created.status()).as(created.toString()).isEqualTo(200);
        return created.json().path("auth").path("client_token").asText();
    }

    private static String data(ContractTarget vault, String secret) {
        return vault.kvMount() + "/data/" + secret;
    }

    private static void writeAsRoot(ContractTarget vault, String... secrets) {
        for (String secret : secrets) {
            Reply written = vault.post(data(vault, secret), json("{'data':{'value':'set-by-root'}}"));
            assertThat(written.status()).as("root writes " + secret + ": " + written).isEqualTo(200);
        }
    }

    private static Reply read(ContractTarget vault, String token, String secret) {
        return vault.http().call("GET", data(vault, secret), token, null);
    }

    private static Reply write(ContractTarget vault, String token, String secret) {
        return vault.http().call("POST", data(vault, secret), token, json("{'data':{'value':'set-by-token'}}"));
    }

    private static String folder() {
        return "acl-" + shortId();
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static JsonNode text(String value) {
        return VaultHttp.MAPPER.getNodeFactory().textNode(value);
    }
}
