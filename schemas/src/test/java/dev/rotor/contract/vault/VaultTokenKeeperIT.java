package dev.rotor.contract.vault;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.stack.testing.RotorStackExtension;
import dev.rotor.vaultdev.VaultDevServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.vault.client.VaultClient;
import io.quarkus.vault.client.http.jdk.JDKVaultHttpClient;

/**
 * A service's own token, on the dev Vault with Vault's TTL rules: renewed once less than half its TTL is left,
 * reported as seed 001's vault_token_expiry_seconds and vault_token_renewals_total. A token's remaining TTL is brought
 * below half by renewing it with a short increment, as Vault allows, rather than by waiting.
 */
@ExtendWith(RotorStackExtension.class)
class VaultTokenKeeperIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final SimpleMeterRegistry metrics = new SimpleMeterRegistry();

    @Test
    void aTokenWithMoreThanHalfItsTtlLeftIsOnlyReported(VaultDevServer vault) throws Exception {
        VaultTokenKeeper keeper = new VaultTokenKeeper(client(vault, token(vault, "{\"ttl\":\"1h\"}")), metrics);

        assertThat(keeper.check()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));
        assertThat(expiry()).isBetween(3540.0, 3600.0);
        assertThat(metrics.find("vault.token.renewals").counters()).isEmpty();
    }

    @Test
    void aTokenPastHalfItsTtlIsRenewedByItsFullTtl(VaultDevServer vault) throws Exception {
        String token = token(vault, "{\"ttl\":\"1h\"}");
        assertThat(renewSelf(vault, token, "10m").path("auth").path("lease_duration").asLong()).isEqualTo(600);
        VaultTokenKeeper keeper = new VaultTokenKeeper(client(vault, token), metrics);

        assertThat(keeper.check()).isBetween(Duration.ofMinutes(59), Duration.ofHours(1));

        assertThat(expiry()).isBetween(3540.0, 3600.0);
        assertThat(renewals("renewed")).isEqualTo(1);
        assertThat(lookupSelf(vault, token).path("data").path("ttl").asLong()).as("Vault's own view").isGreaterThan(3500);
    }

    /** The one test that waits, for Vault's clock: a token can only near its max TTL by ageing (here 3 of its 4 seconds). */
    @Test
    void aTokenNearItsMaxTtlIsReportedCappedAndItsExpiryKeepsFalling(VaultDevServer vault) throws Exception {
        String token = token(vault, "{\"ttl\":\"4s\",\"explicit_max_ttl\":\"4s\"}");
        await().atMost(Duration.ofSeconds(10)).until(() -> lookupSelf(vault, token).path("data").path("ttl").asLong() <= 1);
        VaultTokenKeeper keeper = new VaultTokenKeeper(client(vault, token), metrics);

        assertThat(keeper.check()).isLessThanOrEqualTo(Duration.ofSeconds(1));

        assertThat(renewals("capped")).isEqualTo(1);
        assertThat(expiry()).as("what VaultTokenExpiringSoon watches").isLessThanOrEqualTo(1.0);
    }

    @Test
    void aTokenThatNeverExpiresIsReportedAsInfinite(VaultDevServer vault) {
        VaultTokenKeeper keeper = new VaultTokenKeeper(client(vault, vault.rootToken()), metrics);

        keeper.check();

        assertThat(expiry()).isInfinite();
        assertThat(metrics.find("vault.token.renewals").counters()).isEmpty();
    }

    @Test
    void aRevokedTokenIsAFailureThatSaysSoWithoutTheToken(VaultDevServer vault) throws Exception {
        String token = token(vault, "{\"ttl\":\"1h\"}");
        post(vault, token, "auth/token/revoke-self", "{}");
        VaultTokenKeeper keeper = new VaultTokenKeeper(client(vault, token), metrics);

        assertThatThrownBy(keeper::check).hasMessageNotContaining(token);
    }

    private double expiry() {
        return metrics.get("vault.token.expiry").gauge().value();
    }

    private double renewals(String outcome) {
        return metrics.get("vault.token.renewals").tag("outcome", outcome).counter().count();
    }

    private static VaultClient client(VaultDevServer vault, String token) {
        return VaultClient.builder().baseUrl(vault.address()).executor(new JDKVaultHttpClient(HttpClient.newHttpClient()))
                .clientToken(token).build();
    }

    private String token(VaultDevServer vault, String body) throws Exception {
        return post(vault, vault.rootToken(), "auth/token/create", body).path("auth").path("client_token").asText();
    }

    private JsonNode renewSelf(VaultDevServer vault, String token, String increment) throws Exception {
        return post(vault, token, "auth/token/renew-self", "{\"increment\":\"" + increment + "\"}");
    }

    private JsonNode lookupSelf(VaultDevServer vault, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/auth/token/lookup-self"))
                .header("X-Vault-Token", token).GET().build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private JsonNode post(VaultDevServer vault, String token, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(vault.address() + "/v1/" + path)).header("X-Vault-Token", token)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s: %s", path, response.body()).isIn(200, 204);
        return JSON.readTree(response.body().isEmpty() ? "{}" : response.body());
    }
}
