package dev.rotor.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;
import dev.rotor.verifier.service.StagingStoreUnavailable;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/**
 * Vault down: the SecretUpdated is retried, then nacked (which on Kafka sends it to secret.updated.dlq)
 * with a reason that names the staging entry; no verdict is made up.
 */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(UnreachableVault.class)
class VaultOutageTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    MeterRegistry metrics;

    @Test
    void anUnreadableStagingEntryIsRetriedThenNackedWithoutAVerdict() throws Exception {
        String secretId = "outage/" + UUID.randomUUID();
        CompletableFuture<Throwable> nacked = new CompletableFuture<>();
        Message<SecretUpdated> message = Message.of(secretUpdated(secretId))
                .withNack(reason -> {
                    nacked.complete(reason);
                    return CompletableFuture.completedFuture(null);
                });

        connector.<Message<SecretUpdated>>source(Channels.SECRET_UPDATED).send(message);

        Throwable reason = nacked.get(60, TimeUnit.SECONDS);
        assertThat(reason).isInstanceOf(StagingStoreUnavailable.class)
                .hasMessageContaining("secret/rotor/staging/" + secretId);
        assertThat(metrics.get("ft.retry.retries.total").counter().count()).isEqualTo(UnreachableVault.MAX_RETRIES);
        assertThat(connector.sink(Channels.VERIFICATION_SUCCEEDED).received()).isEmpty();
        assertThat(connector.sink(Channels.VERIFICATION_FAILED).received()).isEmpty();
    }

    private static SecretUpdated secretUpdated(String secretId) {
        return SecretUpdated.newBuilder()
                .setEventId(UUID.randomUUID())
                .setRotationId(UUID.randomUUID().toString())
                .setSecretId(secretId)
                .setOccurredAt(Instant.now())
                .setTarget(TargetRef.newBuilder().setType("postgresql").setHost("127.0.0.1").setPort(5432).setDatabase("rotor")
                        .setRole("app").setAdminPath(null).build())
                .setStaging(new StoreRef("secret", "rotor/staging/" + secretId))
                .setPreviousStoreVersion(null)
                .build();
    }
}
