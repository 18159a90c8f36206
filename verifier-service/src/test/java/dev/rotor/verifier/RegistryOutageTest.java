package dev.rotor.verifier;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.VerificationFailed;
import dev.rotor.schema.VerificationFailureCategory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.search.Search;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/**
 * secret.registry unreadable (no broker answers) for longer than rotor.verifier.registry-retry-budget: an outage,
 * not a forgery. The lookup is retried for the budget, then the verifier publishes one VerificationFailed(OTHER)
 * that says the registration could not be read and that the rotation will be rolled back; the record is acked, not
 * dead-lettered, and the staging entry the unchecked event names is never read.
 */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(DevVaultResource.class)
@WithTestResource(UnreachableBroker.class)
class RegistryOutageTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    MeterRegistry metrics;

    @ConfigProperty(name = "rotor.verifier.registry-retry-budget")
    Duration budget;

    @Test
    void anUnreadableRegistryEndsInOneVerificationFailedWithoutReadingVaultAndWithoutADeadLetter() throws Exception {
        SecretUpdated event = VaultOutageTest.secretUpdated("registry-outage/" + UUID.randomUUID());
        // Meters outlive an application restart in the test JVM: compare with what earlier tests left.
        double stagingReadsBefore = sum("ft.invocations.total", "method", "vault-staging-read");
        double refusalsBefore = sum("rotor.verifier.refused.events", null, null);
        CompletableFuture<Void> acked = new CompletableFuture<>();
        CompletableFuture<Throwable> nacked = new CompletableFuture<>();
        connector.<Message<SecretUpdated>>source(Channels.SECRET_UPDATED).send(Message.of(event)
                .withAck(() -> {
                    acked.complete(null);
                    return CompletableFuture.completedFuture(null);
                })
                .withNack(reason -> {
                    nacked.complete(reason);
                    return CompletableFuture.completedFuture(null);
                }));

        // Each lookup waits up to 10 s for the broker; the budget ends the retries after the one in flight.
        CompletableFuture.anyOf(acked, nacked).get(budget.toSeconds() + 60, TimeUnit.SECONDS);
        assertThat(nacked).as("nacked, i.e. dead-lettered on Kafka").isNotDone();
        List<VerificationFailed> failed = connector.<Record<String, VerificationFailed>>sink(Channels.VERIFICATION_FAILED)
                .received().stream()
                .map(Message::getPayload)
                .filter(record -> record.key().equals(event.getSecretId()))
                .map(Record::value)
                .toList();
        assertThat(failed).hasSize(1);
        assertThat(failed.get(0).getCategory()).isEqualTo(VerificationFailureCategory.OTHER);
        assertThat(failed.get(0).getAttempts()).as("no login was attempted").isZero();
        assertThat(failed.get(0).getDetail())
                .contains("the registration of secret " + event.getSecretId() + " could not be read from secret.registry")
                .contains("rotor.verifier.registry-retry-budget")
                .contains("will be rolled back");
        assertThat(sum("ft.invocations.total", "method", "vault-staging-read")).as("staging entries read from Vault")
                .isEqualTo(stagingReadsBefore);
        assertThat(sum("rotor.verifier.refused.events", null, null)).as("refusals").isEqualTo(refusalsBefore);
    }

    private double sum(String counter, String tag, String value) {
        Search search = metrics.find(counter);
        return (tag == null ? search : search.tag(tag, value)).counters().stream().mapToDouble(Counter::count).sum();
    }
}
