package dev.rotor.verifier;

import java.util.Map;

import dev.rotor.stack.testing.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A Vault address where nothing listens: every read is refused a connection, for the whole retry budget. */
public class UnreachableVault implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.vault.url", "http://127.0.0.1:" + Ports.free(),
                "quarkus.vault.authentication.client-token", "unused");
    }

    @Override
    public void stop() {
    }
}
