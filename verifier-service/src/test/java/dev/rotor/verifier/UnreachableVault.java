package dev.rotor.verifier;

import java.util.Map;

import dev.rotor.stack.testing.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A Vault address where nothing listens, and a short retry of the listener so the test need not wait a minute. */
public class UnreachableVault implements QuarkusTestResourceLifecycleManager {

    static final int MAX_RETRIES = 2;

    private static final String LISTENER = "\"dev.rotor.verifier.listener.SecretUpdatedListener/onSecretUpdated\"";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "quarkus.vault.url", "http://127.0.0.1:" + Ports.free(),
                "quarkus.vault.authentication.client-token", "unused",
                "quarkus.fault-tolerance." + LISTENER + ".retry.max-retries", String.valueOf(MAX_RETRIES),
                "quarkus.fault-tolerance." + LISTENER + ".retry.delay", "10");
    }

    @Override
    public void stop() {
    }
}
