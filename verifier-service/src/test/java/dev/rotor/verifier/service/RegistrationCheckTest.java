package dev.rotor.verifier.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.rotor.target.TargetSpec;
import dev.rotor.verifier.domain.Registration;
import dev.rotor.verifier.domain.StagingRef;
import dev.rotor.verifier.domain.VerificationRequest;

/** The matching rule: a SecretUpdated is verified only when its secret's registration backs every field it names. */
class RegistrationCheckTest {

    private static final TargetSpec TARGET = new TargetSpec("postgresql", "db.internal", 5432, "orders_app", "db/orders-admin",
            Map.of("database", "orders"));
    private static final Registration ORDERS = new Registration("db/orders-app", "secret", "db/orders-app", TARGET);

    private final RegistrationCheck check = new RegistrationCheck("rotor-staging");

    @Test
    void anEventThatNamesItsRegistrationsTargetAndStagingEntryPasses() {
        assertThat(check.refusal(event(TARGET, "secret", "rotor-staging/db/orders-app"), Optional.of(ORDERS))).isEmpty();
    }

    @Test
    void anUnregisteredSecretIsRefused() {
        Optional<RegistrationCheck.Refusal> refusal = check.refusal(event(TARGET, "secret", "rotor-staging/db/orders-app"),
                Optional.empty());

        assertThat(refusal).get().extracting(RegistrationCheck.Refusal::reason).isEqualTo("unregistered");
        assertThat(refusal.get().detail()).contains("db/orders-app").contains("not registered");
    }

    @Test
    void anotherSecretsStagingPathIsRefused() {
        assertThat(reasonFor(event(TARGET, "secret", "rotor-staging/db/billing-app"))).isEqualTo("staging.path");
    }

    @Test
    void theSecretItselfOrAnotherPrefixIsNotItsStagingPath() {
        assertThat(reasonFor(event(TARGET, "secret", "db/orders-app"))).isEqualTo("staging.path");
        assertThat(reasonFor(event(TARGET, "secret", "rotor/staging/db/orders-app"))).isEqualTo("staging.path");
        assertThat(new RegistrationCheck("custom-staging").refusal(event(TARGET, "secret", "custom-staging/db/orders-app"),
                Optional.of(ORDERS))).as("the configured prefix").isEmpty();
    }

    @Test
    void anotherMountIsRefused() {
        assertThat(reasonFor(event(TARGET, "kv-other", "rotor-staging/db/orders-app"))).isEqualTo("staging.mount");
    }

    @Test
    void everyFieldOfTheTargetMustBeTheRegistrations() {
        assertThat(reasonFor(target(new TargetSpec("mysql", "db.internal", 5432, "orders_app", "db/orders-admin",
                Map.of("database", "orders"))))).isEqualTo("target.type");
        assertThat(reasonFor(target(new TargetSpec("postgresql", "attacker.example", 5432, "orders_app", "db/orders-admin",
                Map.of("database", "orders"))))).isEqualTo("target.host");
        assertThat(reasonFor(target(new TargetSpec("postgresql", "db.internal", 6543, "orders_app", "db/orders-admin",
                Map.of("database", "orders"))))).isEqualTo("target.port");
        assertThat(reasonFor(target(new TargetSpec("postgresql", "db.internal", 5432, "billing_app", "db/orders-admin",
                Map.of("database", "orders"))))).isEqualTo("target.role");
        assertThat(reasonFor(target(new TargetSpec("postgresql", "db.internal", 5432, "orders_app", null,
                Map.of("database", "orders"))))).isEqualTo("target.adminPath");
        assertThat(reasonFor(target(new TargetSpec("postgresql", "db.internal", 5432, "orders_app", "db/orders-admin",
                Map.of("database", "billing"))))).isEqualTo("target.properties");
        assertThat(reasonFor(target(new TargetSpec("postgresql", "db.internal", 5432, "orders_app", "db/orders-admin",
                Map.of("database", "orders", "sslmode", "disable"))))).as("an added property").isEqualTo("target.properties");
    }

    @Test
    void theDetailNamesTheFieldAndTheSecretButNoValue() {
        RegistrationCheck.Refusal host = check.refusal(target(new TargetSpec("postgresql", "attacker.example", 5432, "orders_app",
                "db/orders-admin", Map.of("database", "orders"))), Optional.of(ORDERS)).orElseThrow();
        RegistrationCheck.Refusal property = check.refusal(target(new TargetSpec("postgresql", "db.internal", 5432, "orders_app",
                "db/orders-admin", Map.of("database", "stolen"))), Optional.of(ORDERS)).orElseThrow();

        assertThat(host.detail()).contains("target.host").contains("db/orders-app").doesNotContain("attacker.example")
                .doesNotContain("db.internal");
        assertThat(property.detail()).contains("target.properties [database]").doesNotContain("stolen").doesNotContain("orders ");
    }

    private String reasonFor(VerificationRequest event) {
        return check.refusal(event, Optional.of(ORDERS)).map(RegistrationCheck.Refusal::reason).orElse("none");
    }

    private static VerificationRequest target(TargetSpec target) {
        return event(target, "secret", "rotor-staging/db/orders-app");
    }

    private static VerificationRequest event(TargetSpec target, String mount, String stagingPath) {
        return new VerificationRequest(UUID.randomUUID(), "rotation-1", "db/orders-app", target, new StagingRef(mount, stagingPath));
    }
}
