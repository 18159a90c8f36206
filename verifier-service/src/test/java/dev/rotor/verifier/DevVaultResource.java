package dev.rotor.verifier;

import java.util.Map;

import dev.rotor.stack.testing.RotorStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Only the Vault dev server of the stack, for tests that need the store but no broker. */
public class DevVaultResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.vault.url", RotorStack.vault().address(),
                "quarkus.vault.authentication.client-token", RotorStack.vault().rootToken());
    }

    @Override
    public void stop() {
        // Shared with the rest of the JVM's tests; RotorStack stops it at exit.
    }
}
