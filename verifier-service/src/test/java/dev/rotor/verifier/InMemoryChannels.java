package dev.rotor.verifier;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** Puts the verifier's channels on the in-memory connector: for tests where a broker adds nothing. */
public class InMemoryChannels implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>(InMemoryConnector.switchIncomingChannelsToInMemory(Channels.SECRET_UPDATED));
        config.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory(Channels.VERIFICATION_SUCCEEDED, Channels.VERIFICATION_FAILED));
        return config;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
