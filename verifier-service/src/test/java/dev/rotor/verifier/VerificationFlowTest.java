package dev.rotor.verifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

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
import dev.rotor.schema.VerificationSucceeded;
import dev.rotor.stack.testing.RotorStack;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.api.secrets.kv2.VaultSecretsKV2UpdateSecretOptions;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

/**
 * SecretUpdated in, verdict out, through the in-memory connector, the dev Vault and a fake target; every event sent
 * is registered as it names its secret ({@link RegisteredSecrets}).
 */
@QuarkusTest
@WithTestResource(InMemoryChannels.class)
@WithTestResource(DevVaultResource.class)
@TestProfile(RegisteredSecrets.InPlaceOfTheRegistry.class)
class VerificationFlowTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    VaultClient vault;

    @Inject
    FakeTarget probe;

    @Inject
    MeterRegistry metrics;

    @TestHTTPResource("/q/metrics")
    URI metricsEndpoint;

    @ConfigProperty(name = "rotor.verifier.retry.attempts")
    int attempts;

    @Inject
    RegisteredSecrets registered;

    @Test
    void aStagedCredentialThatLogsInIsVerified() throws Exception {
        String secretId = uniqueSecretId();
        SecretUpdated event = secretUpdated(secretId, FakeTarget.TYPE, "app_" + suffix(secretId), stage(secretId,
                Map.of("username", "app_" + suffix(secretId), "password", "pw")));

        send(event);

        VerificationSucceeded verified = awaitSucceeded(secretId);
        assertThat(verified.getEventId()).isEqualTo(EventIds.of(event.getRotationId(), VerificationSucceeded.class));
        assertThat(verified.getRotationId()).isEqualTo(event.getRotationId());
        assertThat(verified.getProbe()).isEqualTo(FakeTarget.DESCRIPTION);
        assertThat(verified.getAttempts()).isEqualTo(1);
        assertThat(prometheusText())
                .contains("rotor_verifications_total{category=\"none\",outcome=\"succeeded\"}")
                .contains("rotor_verification_duration_seconds_bucket{outcome=\"succeeded\"");
    }

    @Test
    void aVaultThatIsSealedForAMomentIsWaitedForAndTheVerificationSucceeds() {
        String secretId = uniqueSecretId();
        String role = "app_" + suffix(secretId);
        StoreRef staging = stage(secretId, Map.of("username", role, "password", "pw"));
        double retriesBefore = vaultRetries();
        RotorStack.vault().seal();
        try {
            send(secretUpdated(secretId, FakeTarget.TYPE, role, staging));
            // Unseal only once the verifier has met the sealed Vault (503) and is retrying.
            await().atMost(TIMEOUT).until(() -> vaultRetries() > retriesBefore);
        } finally {
            RotorStack.vault().unseal();
        }

        VerificationSucceeded verified = awaitSucceeded(secretId);
        assertThat(verified.getAttempts()).isEqualTo(1);
        assertThat(failed(secretId)).isEmpty();
    }

    @Test
    void aRedeliveredEventIsVerifiedOnce() {
        String secretId = uniqueSecretId();
        String role = "app_" + suffix(secretId);
        StoreRef staging = stage(secretId, Map.of("username", role, "password", "pw"));
        SecretUpdated event = secretUpdated(secretId, FakeTarget.TYPE, role, staging);

        send(event);
        send(event);
        awaitProcessedUpToHere();

        assertThat(succeeded(secretId)).hasSize(1);
        assertThat(probe.loginsAs(role)).isEqualTo(1);
    }

    @Test
    void anEventWhoseStagingEntryIsGoneProducesNothing() {
        String secretId = uniqueSecretId();
        send(secretUpdated(secretId, FakeTarget.TYPE, "app_gone", new StoreRef("secret", "rotor-staging/" + secretId)));
        awaitProcessedUpToHere();

        assertThat(succeeded(secretId)).isEmpty();
        assertThat(failed(secretId)).isEmpty();
        assertThat(probe.loginsAs("app_gone")).isZero();
    }

    @Test
    void aCredentialTheTargetRefusesFailsWithAuthFailedAfterEveryAttempt() {
        String secretId = uniqueSecretId();
        String role = "app_" + suffix(secretId);
        send(secretUpdated(secretId, FakeTarget.TYPE, role, stage(secretId, Map.of("username", role, "password", FakeTarget.REFUSED))));

        VerificationFailed failed = awaitFailed(secretId);
        assertThat(failed.getCategory()).isEqualTo(VerificationFailureCategory.AUTH_FAILED);
        assertThat(failed.getAttempts()).isEqualTo(attempts);
        assertThat(failed.getEventId()).isEqualTo(EventIds.of(failed.getRotationId(), VerificationFailed.class));
        assertThat(probe.loginsAs(role)).isEqualTo(attempts);
    }

    @Test
    void aStagedCredentialForAnotherAccountFailsAsOtherWithoutLoggingIn() {
        String secretId = uniqueSecretId();
        String role = "app_" + suffix(secretId);
        send(secretUpdated(secretId, FakeTarget.TYPE, role, stage(secretId, Map.of("username", "someone_else", "password", "pw"))));

        VerificationFailed failed = awaitFailed(secretId);
        assertThat(failed.getCategory()).isEqualTo(VerificationFailureCategory.OTHER);
        assertThat(failed.getDetail()).contains("'someone_else', which is not an account of");
        assertThat(probe.loginsAs(role)).isZero();
    }

    @Test
    void anUnknownTargetTypeFailsAsOther() {
        String secretId = uniqueSecretId();
        send(secretUpdated(secretId, "mongodb", "app", stage(secretId, Map.of("username", "app", "password", "pw"))));

        VerificationFailed failed = awaitFailed(secretId);
        assertThat(failed.getCategory()).isEqualTo(VerificationFailureCategory.OTHER);
        assertThat(failed.getDetail()).contains("no target kind 'mongodb'").contains("postgresql");
    }

    @Test
    void aStagingEntryWithoutPasswordFailsAsOtherWithoutLoggingIn() {
        String secretId = uniqueSecretId();
        String role = "app_" + suffix(secretId);
        StoreRef staging = stage(secretId, Map.of("username", role, "rotationId", "r"));
        send(secretUpdated(secretId, FakeTarget.TYPE, role, staging));

        VerificationFailed failed = awaitFailed(secretId);
        assertThat(failed.getCategory()).isEqualTo(VerificationFailureCategory.OTHER);
        assertThat(failed.getDetail()).contains(staging.getMount() + "/" + staging.getPath()).contains("'password'");
        assertThat(probe.loginsAs(role)).isZero();
    }

    private String prometheusText() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(metricsEndpoint).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /** SmallRye Fault Tolerance's count of retried Vault reads (the guard is described as vault-staging-read). */
    private double vaultRetries() {
        return metrics.find("ft.retry.retries.total").tag("method", "vault-staging-read").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private StoreRef stage(String secretId, Map<String, Object> data) {
        String path = "rotor-staging/" + secretId;
        vault.secrets().kv2("secret").updateSecret(path, new VaultSecretsKV2UpdateSecretOptions().setCas(0), new HashMap<>(data))
                .toCompletableFuture().join();
        return new StoreRef("secret", path);
    }

    private void send(SecretUpdated event) {
        registered.backing(event);
        connector.<SecretUpdated>source(Channels.SECRET_UPDATED).send(event);
    }

    // Events are handled in order: once a later event's verdict is out, every earlier event was handled.
    private void awaitProcessedUpToHere() {
        String secretId = uniqueSecretId();
        send(secretUpdated(secretId, FakeTarget.TYPE, "sentinel", stage(secretId, Map.of("username", "sentinel", "password", "pw"))));
        awaitSucceeded(secretId);
    }

    private VerificationSucceeded awaitSucceeded(String secretId) {
        return await().atMost(TIMEOUT).until(() -> succeeded(secretId), events -> !events.isEmpty()).get(0);
    }

    private VerificationFailed awaitFailed(String secretId) {
        return await().atMost(TIMEOUT).until(() -> failed(secretId), events -> !events.isEmpty()).get(0);
    }

    private List<VerificationSucceeded> succeeded(String secretId) {
        return valuesKeyed(connector.sink(Channels.VERIFICATION_SUCCEEDED), secretId);
    }

    private List<VerificationFailed> failed(String secretId) {
        return valuesKeyed(connector.sink(Channels.VERIFICATION_FAILED), secretId);
    }

    private static <T> List<T> valuesKeyed(InMemorySink<Record<String, T>> sink, String key) {
        return sink.received().stream()
                .map(Message::getPayload)
                .filter(record -> record.key().equals(key))
                .map(Record::value)
                .toList();
    }

    private static SecretUpdated secretUpdated(String secretId, String targetType, String role, StoreRef staging) {
        return SecretUpdated.newBuilder()
                .setEventId(UUID.randomUUID())
                .setRotationId(UUID.randomUUID().toString())
                .setSecretId(secretId)
                .setOccurredAt(Instant.now())
                .setTarget(TargetRef.newBuilder().setType(targetType).setHost("127.0.0.1").setPort(1).setDatabase(null)
                        .setRole(role).setAdminPath(null).build())
                .setStaging(staging)
                .setPreviousStoreVersion(7)
                .build();
    }

    private static String uniqueSecretId() {
        return "test/" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static String suffix(String secretId) {
        return secretId.substring(secretId.indexOf('/') + 1);
    }
}
