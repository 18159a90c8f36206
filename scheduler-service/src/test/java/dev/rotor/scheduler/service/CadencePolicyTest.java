package dev.rotor.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.SecretActivity;
import dev.rotor.scheduler.domain.StoreLocation;
import dev.rotor.scheduler.domain.TargetSystem;

class CadencePolicyTest {

    private static final Instant REGISTERED = Instant.parse("2025-01-01T00:00:00Z");
    private static final ManagedSecret SECRET = new ManagedSecret("db/orders-app", "database", "team-orders", Duration.ofDays(30),
            new StoreLocation("secret", "db/orders-app"), new TargetSystem("postgresql", "127.0.0.1", 5432, "app", "orders_app", null),
            "api", REGISTERED);
    private static final SecretActivity NEVER_ROTATED = new SecretActivity(Optional.empty(), Optional.empty());

    @Test
    void aSecretThatNeverRotatedIsDueACadenceAfterItsRegistration() {
        assertThat(CadencePolicy.isDue(SECRET, NEVER_ROTATED, REGISTERED.plus(Duration.ofDays(30)).minusSeconds(1))).isFalse();
        assertThat(CadencePolicy.isDue(SECRET, NEVER_ROTATED, REGISTERED.plus(Duration.ofDays(30)))).isTrue();
    }

    @Test
    void aRotatedSecretIsDueACadenceAfterItsLastCompletion() {
        Instant completed = REGISTERED.plus(Duration.ofDays(40));
        SecretActivity rotated = new SecretActivity(Optional.empty(), Optional.of(completed));

        assertThat(CadencePolicy.dueAt(SECRET, rotated)).isEqualTo(completed.plus(Duration.ofDays(30)));
        assertThat(CadencePolicy.isDue(SECRET, rotated, REGISTERED.plus(Duration.ofDays(60)))).isFalse();
        assertThat(CadencePolicy.isDue(SECRET, rotated, completed.plus(Duration.ofDays(30)))).isTrue();
    }

    @Test
    void aCadenceReadsAsPeopleWriteIt() {
        assertThat(SECRET.cadenceText()).isEqualTo("P30D");
        assertThat(new ManagedSecret("x", "c", "o", Duration.ofHours(12), SECRET.store(), SECRET.target(), "api", REGISTERED)
                .cadenceText()).isEqualTo("PT12H");
    }

    @Test
    void aSecretWithARotationInFlightIsNeverDue() {
        SecretActivity inFlight = new SecretActivity(Optional.of("rotation-1"), Optional.empty());

        assertThat(CadencePolicy.isDue(SECRET, inFlight, REGISTERED.plus(Duration.ofDays(365)))).isFalse();
    }
}
