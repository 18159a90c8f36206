package dev.rotor.verifier;

import static dev.rotor.verifier.RotatorStandIn.deserialize;
import static dev.rotor.verifier.RotatorStandIn.header;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.Topics;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.StoreRef;
import dev.rotor.schema.TargetRef;
import dev.rotor.schema.VerificationSucceeded;
import dev.rotor.stack.testing.RotorStackResource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vault.client.VaultClient;

/**
 * Someone who can write secret.updated cannot make the verifier read a Vault path or log in to a host that the
 * secret's registration on secret.registry does not name: a forged SecretUpdated is refused — sent to
 * secret.updated.dlq with the field that did not match, no staging entry read, no login, no verdict — while the
 * rotator's own event for the same secret is still verified. "Nothing happened" is shown once the verifier's group
 * has committed everything on secret.updated, not by waiting a while.
 */
@QuarkusTest
@WithTestResource(value = RotorStackResource.class, initArgs = @ResourceArg(name = "postgres", value = "true"))
class RegistrationCheckIT {

    @Inject
    VaultClient vault;

    @Inject
    FakeTarget target;

    @Inject
    MeterRegistry metrics;

    private RotatorStandIn rotator;

    @BeforeEach
    void connect() {
        rotator = new RotatorStandIn(vault);
    }

    @AfterEach
    void disconnect() {
        rotator.close();
    }

    @Test
    void theRotatorsEventMatchingItsRegistrationIsVerified() throws Exception {
        String secretId = uniqueSecretId();
        TargetRef registered = fakeTarget(secretId, "127.0.0.1");
        rotator.register(secretId, registered);
        SecretUpdated genuine = RotatorStandIn.secretUpdated(secretId, registered, rotator.stage(secretId, registered.getRole(), "pw"));

        rotator.publish(genuine);

        ConsumerRecord<String, byte[]> record = rotator.awaitRecord(Topics.VERIFICATION_SUCCEEDED, secretId);
        assertThat(deserialize(Topics.VERIFICATION_SUCCEEDED, record.value(), VerificationSucceeded.class).getRotationId())
                .isEqualTo(genuine.getRotationId());
        assertThat(target.loginsAs(registered.getRole())).isEqualTo(1);
    }

    @Test
    void anEventNamingAnotherSecretsStagingEntryIsRefused() throws Exception {
        String secretId = uniqueSecretId();
        String victimId = uniqueSecretId();
        TargetRef registered = fakeTarget(secretId, "127.0.0.1");
        rotator.register(secretId, registered);
        rotator.register(victimId, fakeTarget(victimId, "127.0.0.1"));
        StoreRef victimsStaging = rotator.stage(victimId, fakeTarget(victimId, "127.0.0.1").getRole(), "victims-new-password");

        assertRefused(RotatorStandIn.secretUpdated(secretId, registered, victimsStaging), "staging.path");
    }

    @Test
    void anEventNamingAnotherHostIsRefused() throws Exception {
        String secretId = uniqueSecretId();
        TargetRef registered = fakeTarget(secretId, "127.0.0.1");
        rotator.register(secretId, registered);
        StoreRef staging = rotator.stage(secretId, registered.getRole(), "pw");

        assertRefused(RotatorStandIn.secretUpdated(secretId, fakeTarget(secretId, "collector.attacker.example"), staging),
                "target.host");
    }

    @Test
    void anEventForASecretThatIsNotRegisteredIsRefused() throws Exception {
        String secretId = uniqueSecretId();
        TargetRef named = fakeTarget(secretId, "127.0.0.1");
        StoreRef staging = rotator.stage(secretId, named.getRole(), "pw");

        assertRefused(RotatorStandIn.secretUpdated(secretId, named, staging), "unregistered");
    }

    private void assertRefused(SecretUpdated forged, String reason) throws Exception {
        rotator.awaitVerifierCaughtUp();
        double stagingReadsBefore = stagingReads();
        double refusedBefore = refused(reason);

        rotator.publish(forged);

        ConsumerRecord<String, byte[]> dead = rotator.awaitRecord(Topics.deadLetter(Topics.SECRET_UPDATED), forged.getSecretId());
        assertThat(header(dead, "dead-letter-reason")).contains(reason).contains(forged.getSecretId())
                .doesNotContain(forged.getTarget().getHost()).doesNotContain(forged.getStaging().getPath());
        assertThat(header(dead, "dead-letter-topic")).isEqualTo(Topics.SECRET_UPDATED);
        rotator.awaitVerifierCaughtUp();
        assertThat(rotator.recordsKeyed(Topics.VERIFICATION_SUCCEEDED, forged.getSecretId())).as("verdicts").isEmpty();
        assertThat(rotator.recordsKeyed(Topics.VERIFICATION_FAILED, forged.getSecretId())).as("verdicts").isEmpty();
        assertThat(stagingReads()).as("staging entries read from Vault").isEqualTo(stagingReadsBefore);
        assertThat(target.loginsAs(forged.getTarget().getRole())).as("logins").isZero();
        assertThat(refused(reason)).as("rotor_verifier_refused_events_total{reason=%s}", reason).isEqualTo(refusedBefore + 1);
    }

    /** Every read of a staging entry goes through the Vault edge's guard, which counts its invocations. */
    private double stagingReads() {
        return metrics.find("ft.invocations.total").tag("method", "vault-staging-read").counters().stream()
                .mapToDouble(Counter::count).sum();
    }

    private double refused(String reason) {
        Counter counter = metrics.find("rotor.verifier.refused.events").tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static TargetRef fakeTarget(String secretId, String host) {
        return TargetRef.newBuilder().setType(FakeTarget.TYPE).setHost(host).setPort(5432).setDatabase("app")
                .setRole("app_" + secretId.substring(secretId.indexOf('/') + 1)).setAdminPath(null).build();
    }

    private static String uniqueSecretId() {
        return "check/" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
