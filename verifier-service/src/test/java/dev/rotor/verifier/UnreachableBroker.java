package dev.rotor.verifier;

import java.util.Map;

import dev.rotor.stack.testing.Ports;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A broker address where nothing listens, for the clients built by hand (secret.registry): every call times out. */
public class UnreachableBroker implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "kafka.bootstrap.servers", "127.0.0.1:" + Ports.free(),
                // The login is never checked, but the client cannot be built without one.
                "rotor.test.kafka-password.rotor-verifier", "unused");
    }

    @Override
    public void stop() {
    }
}
