package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

/** Drives rotations through the scheduler's API and waits for their end on the real topics. */
final class Rotations {

    private final RotorServices services;
    private final LifecycleLog log;

    Rotations(RotorServices services, LifecycleLog log) {
        this.services = services;
        this.log = log;
    }

    /** A new role with a random password, stored and registered as db/&lt;prefix&gt;-&lt;random&gt;. */
    ManagedRole newRole(String prefix) throws Exception {
        return newRole("db", prefix);
    }

    ManagedRole newRole(String folder, String prefix) throws Exception {
        return newRole(folder, prefix, Fixtures.pg().database());
    }

    /** A new role of {@code database} with a random password, stored and registered as &lt;folder&gt;/&lt;prefix&gt;-&lt;random&gt;. */
    ManagedRole newRole(String folder, String prefix, String database) throws Exception {
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String role = prefix + "_" + suffix;
        String secretId = folder + "/" + prefix + "-" + suffix;
        String password = "initial-" + UUID.randomUUID();
        Fixtures.createRoleAndStoreEntry(role, password, secretId);
        register(Fixtures.registration(secretId, secretId, role, database));
        return new ManagedRole(secretId, role, password);
    }

    void register(Map<String, Object> registration) throws Exception {
        HttpResponse<String> registered = Fixtures.post(services.schedulerUrl() + "/api/secrets", registration);
        assertThat(registered.statusCode()).as(registered.body()).isIn(200, 201);
    }

    String request(String secretId) throws Exception {
        HttpResponse<String> accepted = Fixtures.post(services.schedulerUrl() + "/api/rotations",
                Map.of("secretId", secretId, "reason", "MANUAL"));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        return Fixtures.JSON.readTree(accepted.body()).get("rotationId").asText();
    }

    /** Waits for the rotation's terminal event and returns its type; there must be exactly one (I3). */
    String awaitTerminal(String rotationId) {
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(250))
                .until(() -> !log.terminalsOf(rotationId).isEmpty());
        // A second, different terminal would arrive right behind the first: give it the chance.
        await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
        List<String> terminals = log.terminalsOf(rotationId);
        assertThat(terminals).as("terminal events of rotation %s (events: %s)", rotationId, log.typesOf(rotationId)).hasSize(1);
        return terminals.get(0);
    }

    record ManagedRole(String secretId, String role, String initialPassword) {

        String storedPassword() throws Exception {
            return Fixtures.readKv(secretId).get("data").get("password").asText();
        }

        /** The credential a rotation in flight staged for this role, while its staging entry exists. */
        Optional<String> stagedPassword() throws Exception {
            JsonNode staged = Fixtures.readKv("rotor-staging/" + secretId);
            return Optional.ofNullable(staged).map(s -> s.get("data").get("password")).map(JsonNode::asText);
        }

        int storedVersion() throws Exception {
            return Fixtures.readKv(secretId).get("metadata").get("version").asInt();
        }
    }
}
