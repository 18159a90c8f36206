package dev.rotor.vaultdev;

import static dev.rotor.vaultdev.VaultHttp.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Assumptions;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rotor.vaultdev.VaultHttp.Reply;

/** A Vault to test, with the engines this run mounted on it; a null unsealKey means "do not seal it". */
record ContractTarget(String name, VaultHttp http, String token, String unsealKey, String kvMount, String transitMount) {

    static ContractTarget mount(String name, String address, String token, String unsealKey) {
        String run = "rotor-contract-" + UUID.randomUUID().toString().substring(0, 8);
        ContractTarget target = new ContractTarget(name, new VaultHttp(address), token, unsealKey, run + "-kv", run + "-transit");
        Reply kv = target.post("sys/mounts/" + target.kvMount, json("{'type':'kv','options':{'version':'2'}}"));
        assertThat(kv.status()).as("mount KV v2 on " + name + ": " + kv).isEqualTo(204);
        Reply transit = target.post("sys/mounts/" + target.transitMount, json("{'type':'transit'}"));
        assertThat(transit.status()).as("mount transit on " + name + ": " + transit).isEqualTo(204);
        return target;
    }

    void unmount() {
        assertThat(delete("sys/mounts/" + kvMount).status()).as("unmount " + kvMount + " on " + name).isEqualTo(204);
        assertThat(delete("sys/mounts/" + transitMount).status()).as("unmount " + transitMount + " on " + name).isEqualTo(204);
    }

    /** Never seal a Vault that this run could not unseal: the test is reported as aborted instead. */
    String unsealKeyOrAbort() {
        if (unsealKey == null) {
            Assumptions.abort("NOT RUN against " + name + ": set VAULT_UNSEAL_KEY to its unseal key to check"
                    + " sealing there (this test seals that Vault for a few seconds)");
        }
        return unsealKey;
    }

    String kv(String endpoint, String secret) {
        return kvMount + "/" + endpoint + "/" + secret;
    }

    String transit(String path) {
        return transitMount + "/" + path;
    }

    Reply get(String path) {
        return http.call("GET", path, token, null);
    }

    Reply list(String path) {
        return http.call("LIST", path, token, null);
    }

    Reply post(String path, ObjectNode body) {
        return http.call("POST", path, token, body);
    }

    Reply put(String path, ObjectNode body) {
        return http.call("PUT", path, token, body);
    }

    Reply delete(String path) {
        return http.call("DELETE", path, token, null);
    }

    @Override
    public String toString() {
        return name;
    }
}
