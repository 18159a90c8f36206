package dev.rotor.scheduler.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

class RegistrarScopeTest {

    @Test
    void absentClaimsPermitEveryOwnerAndClass() {
        RegistrarScope scope = RegistrarScope.fromClaims(null, null);

        assertThat(scope.permits("team-orders", "database")).isTrue();
        assertThat(scope.permits("anyone", "cache")).isTrue();
        assertThat(scope.describe()).isEqualTo("owners [*], classes [*]");
    }

    @Test
    void namesPermitThemselvesOnly() {
        RegistrarScope scope = RegistrarScope.fromClaims(Set.of("payments"), List.of("database", "cache"));

        assertThat(scope.permits("payments", "database")).isTrue();
        assertThat(scope.permits("payments", "cache")).isTrue();
        assertThat(scope.permits("payments-eu", "database")).isFalse();
        assertThat(scope.permits("Payments", "database")).as("names are compared exactly").isFalse();
        assertThat(scope.permits("payments", "queue")).isFalse();
    }

    @Test
    void aTrailingStarCoversThePrefixAndAStarElsewhereIsLiteral() {
        RegistrarScope scope = RegistrarScope.fromClaims(List.of("team-*", "a*b"), null);

        assertThat(scope.permitsOwner("team-orders")).isTrue();
        assertThat(scope.permitsOwner("team-")).isTrue();
        assertThat(scope.permitsOwner("teams")).isFalse();
        assertThat(scope.permitsOwner("a*b")).isTrue();
        assertThat(scope.permitsOwner("axb")).isFalse();
    }

    @Test
    void aJsonArrayClaimIsReadAsSmallRyeJwtHandsItOver() {
        RegistrarScope scope = RegistrarScope.fromClaims(Json.createArrayBuilder().add("team-*").build(),
                Json.createArrayBuilder().add("database").build());

        assertThat(scope.permits("team-orders", "database")).isTrue();
        assertThat(scope.permits("team-orders", "cache")).isFalse();
        assertThat(scope.describe()).isEqualTo("owners [team-*], classes [database]");
    }

    @Test
    void aClaimThatIsNotAListOfNamesPermitsNothing() {
        assertThat(RegistrarScope.fromClaims(Json.createValue("payments"), null).permitsOwner("payments")).isFalse();
        assertThat(RegistrarScope.fromClaims(Json.createArrayBuilder().add("payments").add(7).build(), null)
                .permitsOwner("payments")).isFalse();
        assertThat(RegistrarScope.fromClaims(null, List.of()).permitsClass("database")).as("an empty list covers no class").isFalse();
    }
}
