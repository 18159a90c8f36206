package dev.rotor.scheduler.rest;

import java.util.HashMap;
import java.util.Map;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.stack.testing.RotorStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/**
 * Every channel in memory (the broker adds nothing to what these tests check), the real Vault
 * dev server, which registration needs, and the stack's token issuer. No Kafka: the registry topic is not created.
 */
public class InMemoryMessaging implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.putAll(InMemoryConnector.switchIncomingChannelsToInMemory(Channels.SECRET_REGISTRY, Channels.ROTATION_REQUESTED,
                Channels.ROTATION_COMPLETED, Channels.ROTATION_ROLLED_BACK, Channels.ROLLBACK_FAILED, Channels.ROTATION_FAILED,
                Channels.VERIFICATION_FAILED, Channels.ROTATION_POLICY, Channels.ROTATION_CONTROL, Channels.ROTATION_APPROVALS,
                Channels.SECRET_STATUS, Channels.SECRET_RESUMES, Channels.ROTATION_ROLLOUT));
        config.putAll(InMemoryConnector.switchOutgoingChannelsToInMemory(Channels.SECRET_REGISTRY_OUT, Channels.ROTATION_REQUESTED_OUT,
                Channels.ROLLBACK_REQUESTED, Channels.ROTATION_POLICY_OUT, Channels.ROTATION_CONTROL_OUT, Channels.ROTATION_APPROVALS_OUT,
                Channels.ROTATION_ROLLOUT_OUT, Channels.ROTATION_INCOMPLETE_OUT));
        config.putAll(RotorStack.tokenVerification());
        config.put("quarkus.vault.url", RotorStack.vault().address());
        config.put("quarkus.vault.authentication.client-token", RotorStack.vault().rootToken());
        return config;
    }

    @Override
    public void stop() {
        InMemoryConnector.clear();
    }
}
