package dev.rotor.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.EventIds;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;
import dev.rotor.schema.VerificationFailed;
import dev.rotor.schema.VerificationFailureCategory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/**
 * Vault unreachable for longer than rotor.verifier.store-retry-budget (4 s in the test profile): the
 * read is retried for the budget, then the verifier publishes one VerificationFailed(OTHER) that says
 * what was unreachable, for how long, and that the rotation will be rolled back; the record is
 * acknowledged, never nacked, so nothing reaches secret.updated.dlq and the rotation ends.
 */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(UnreachableVault.class)
@TestProfile(RegisteredSecrets.InPlaceOfTheRegistry.class)
class VaultOutageTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @ConfigProperty(name = "rotor.verifier.store-retry-budget")
    Duration budget;

    @Inject
    RegisteredSecrets registered;

    @Test
    void vaultUnreachablePastTheBudgetEndsInOneVerificationFailedAndNoDeadLetter() throws Exception {
        SecretUpdated event = secretUpdated("outage/" + UUID.randomUUID());
        registered.backing(event);
        CompletableFuture<Void> acked = new CompletableFuture<>();
        CompletableFuture<Throwable> nacked = new CompletableFuture<>();
        Instant sent = Instant.now();
        connector.<Message<SecretUpdated>>source(Channels.SECRET_UPDATED).send(Message.of(event)
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    nacked.complete(reason);
                    return CompletableFuture.completedFuture(null);
                }));

        // The ack comes after the verdict is published, and a message is either acked or nacked.
        CompletableFuture.anyOf(acked, nacked).get(budget.toSeconds() + 30, TimeUnit.SECONDS);
        assertThat(nacked).as("nacked, i.e. dead-lettered on Kafka").isNotDone();
        assertThat(Duration.between(sent, Instant.now())).as("retried for the budget").isGreaterThanOrEqualTo(budget);

        List<VerificationFailed> failed = connector.<Record<String, VerificationFailed>>sink(Channels.VERIFICATION_FAILED)
                .received().stream()
                .map(Message::getPayload)
                .filter(record -> record.key().equals(event.getSecretId()))
                .map(Record::value)
                .toList();
        assertThat(failed).hasSize(1);
        VerificationFailed verdict = failed.get(0);
        assertThat(verdict.getCategory()).isEqualTo(VerificationFailureCategory.OTHER);
        assertThat(verdict.getEventId()).isEqualTo(EventIds.of(event.getRotationId(), VerificationFailed.class));
        assertThat(verdict.getAttempts()).as("no login was attempted").isZero();
        assertThat(verdict.getDetail())
                .contains("Vault did not answer reads of staging entry secret/rotor-staging/" + event.getSecretId())
                .containsPattern("for \\d+ s \\(\\d+ attempts, rotor.verifier.store-retry-budget")
                .contains("will be rolled back");
        assertThat(connector.sink(Channels.VERIFICATION_SUCCEEDED).received()).isEmpty();
    }

    static SecretUpdated secretUpdated(String secretId) {
        return SecretUpdated.newBuilder()
                .setEventId(UUID.randomUUID())
                .setRotationId(UUID.randomUUID().toString())
                .setSecretId(secretId)
                .setOccurredAt(Instant.now())
                .setTarget(TargetRef.newBuilder().setType(FakeTarget.TYPE).setHost("127.0.0.1").setPort(5432)
                        .setDatabase("rotor").setRole("app").setAdminPath(null).build())
                .setStaging(new StoreRef("secret", "rotor-staging/" + secretId))
                .setPreviousStoreVersion(null)
                .build();
    }
}
