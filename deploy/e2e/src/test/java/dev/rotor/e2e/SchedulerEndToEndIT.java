package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import com.fasterxml.jackson.databind.JsonNode;

import dev.rotor.contract.Topics;
import dev.rotor.schema.RolloutWave;
import dev.rotor.schema.RotationFailed;
import dev.rotor.schema.RotationFailureReason;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import dev.rotor.schema.WaveMember;
import dev.rotor.stack.testing.RotorStack;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;

/**
 * The scheduler with a real rotation matrix: 50 secrets over three classes rotate in canary-then-batch
 * waves within the policy's limits, a fourth class whose every verification fails trips its circuit
 * breaker after the canaries, and all of it runs on two scheduler instances, one of which is killed
 * half-way, without any rotation requested twice. Then a record that is not Avro lands on top of every compacted topic's
 * state and both schedulers are killed and started: the pause, registration, policy and pending approval all hold.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SchedulerEndToEndIT extends EndToEndTest {

    /** Each class: how many secrets, the canary cohort, the batch size, the class's concurrency limit. */
    private static final List<WaveClass> WAVE_CLASSES = List.of(
            new WaveClass("wave-orders", 20, 2, 6, 5),
            new WaveClass("wave-reports", 20, 2, 8, 8),
            new WaveClass("wave-metrics", 10, 1, 5, 4));
    private static final WaveClass BROKEN = new WaveClass("wave-broken", 6, 2, 4, 4);
    private static final int GLOBAL_LIMIT = 12;
    /** Short, so that registered secrets are due at once; after a first rotation they would be due again soon, hence the pause at the end. */
    private static final String CADENCE = "PT10S";

    private static final Map<String, List<String>> secretsByClass = new LinkedHashMap<>();
    private static ServiceProcess secondScheduler;

    @BeforeAll
    static void twoSchedulersAndAMatrixOfSecrets() throws Exception {
        secondScheduler = services.startAnother(RotorServices.SCHEDULER, Map.of());
        for (WaveClass waveClass : WAVE_CLASSES) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < waveClass.secrets(); i++) {
                ids.add(rotations.newRole(waveClass.name(), "wave").secretId());
            }
            secretsByClass.put(waveClass.name(), ids);
        }
        // Roles of a database they may not CONNECT to: every verification fails with PERMISSION.
        String lockedDatabase = "wave_locked_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Fixtures.execAsAdmin("CREATE DATABASE " + lockedDatabase);
        Fixtures.execAsAdmin("REVOKE CONNECT ON DATABASE " + lockedDatabase + " FROM PUBLIC");
        List<String> broken = new ArrayList<>();
        for (int i = 0; i < BROKEN.secrets(); i++) {
            broken.add(rotations.newRole(BROKEN.name(), "broken", lockedDatabase).secretId());
        }
        secretsByClass.put(BROKEN.name(), broken);

        HttpResponse<String> applied = Fixtures.post(services.schedulerUrl() + "/api/policies?source=waves.yaml", "application/yaml",
                matrix());
        assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);
    }

    /** The waves stop, and the second scheduler too: the tests after these expect one instance of each service. */
    @AfterAll
    static void stopTheWaves() throws Exception {
        for (WaveClass waveClass : WAVE_CLASSES) {
            Fixtures.post(services.schedulerUrl() + "/api/pauses",
                    Map.of("scope", "class", "name", waveClass.name(), "reason", "end of the wave test"));
        }
        secondScheduler.stop();
    }

    @Test
    @Order(1)
    void fiftySecretsRotateInCanaryThenBatchWavesWithinTheLimits_evenWhenOneSchedulerDies() throws Exception {
        List<String> fleet = WAVE_CLASSES.stream().flatMap(c -> secretsByClass.get(c.name()).stream()).toList();
        // Half-way, the first scheduler dies: the survivor (leader already, or after the group rebalances) carries on.
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofSeconds(1))
                .until(() -> fleet.stream().filter(id -> firstCompletedScheduled(id).isPresent()).count() >= fleet.size() / 2);
        ServiceProcess scheduler = services.get(RotorServices.SCHEDULER);
        scheduler.kill();
        await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                .until(() -> fleet.stream().allMatch(id -> firstCompletedScheduled(id).isPresent()));
        scheduler.start(Map.of());
        JsonNode policy = Fixtures.JSON.readTree(Fixtures.get(scheduler.url() + "/api/policies").body());
        assertThat(policy.path("policy").asText()).as("the restarted scheduler rebuilt the matrix from rotation.policy").isEqualTo("e2e-waves");

        for (WaveClass waveClass : WAVE_CLASSES) {
            List<Rotation> firsts = secretsByClass.get(waveClass.name()).stream()
                    .map(id -> scheduled(id).get(0)).sorted(Comparator.comparing(Rotation::requestedAt)).toList();
            List<Rotation> canaries = firsts.subList(0, waveClass.canary());
            assertThat(canaries).as("%s: the class's first rotations are its canaries", waveClass.name())
                    .allSatisfy(r -> assertThat(r.detail()).contains("canary"));
            Instant canariesEnded = canaries.stream().map(Rotation::endedAt).max(Comparator.naturalOrder()).orElseThrow();
            assertThat(firsts.subList(waveClass.canary(), firsts.size()))
                    .as("%s: the rest of the class starts only after its canaries %s ended", waveClass.name(), canaries)
                    .allSatisfy(r -> assertThat(r.requestedAt()).isAfterOrEqualTo(canariesEnded));
            assertThat(mostInFlightAtOnce(secretsByClass.get(waveClass.name())))
                    .as("%s: rotations in flight at once", waveClass.name())
                    .isLessThanOrEqualTo(Math.min(waveClass.batchSize(), waveClass.maxConcurrent()));
            assertThat(firsts).as("%s: every rotation completed and says why it was requested", waveClass.name())
                    .allSatisfy(r -> assertThat(r.detail()).contains(waveClass.name()));
        }
        assertThat(mostInFlightAtOnce(fleet)).as("rotations of the fleet in flight at once").isLessThanOrEqualTo(GLOBAL_LIMIT);
    }

    @Test
    @Order(2)
    void noRotationWasRequestedTwice() {
        for (String secretId : secretsByClass.values().stream().flatMap(List::stream).toList()) {
            List<RotationRequested> requests = log.all().stream()
                    .filter(RotationRequested.class::isInstance).map(RotationRequested.class::cast)
                    .filter(r -> r.getSecretId().equals(secretId) && r.getReason() == RotationReason.SCHEDULED).toList();
            assertThat(requests.stream().map(RotationRequested::getRotationId).distinct().count())
                    .as("scheduled requests of %s, one per rotation: %s", secretId, requests).isEqualTo(requests.size());
            assertThat(log.all().stream().filter(e -> e instanceof RotationFailed f && f.getSecretId().equals(secretId)
                    && f.getReason() == RotationFailureReason.IN_PROGRESS))
                    .as("%s: refusals because another rotation was in flight", secretId).isEmpty();
        }
    }

    @Test
    @Order(3)
    void aFailureWaveTripsTheClassCircuitBreaker() throws Exception {
        JsonNode pause = await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> breakerPause(), Optional::isPresent).orElseThrow();
        assertThat(pause.get("initiator").asText()).isNotBlank();
        assertThat(pause.get("reason").asText()).as("the breaker says why").contains("fail");

        // Give the scheduler several ticks: nothing more of the class is requested while the breaker is open.
        await().pollDelay(Duration.ofSeconds(5)).until(() -> true);
        List<String> broken = secretsByClass.get(BROKEN.name());
        List<String> requested = broken.stream().filter(id -> !scheduled(id).isEmpty()).toList();
        // Canaries take global slots as they free up: the first to fail trips the breaker, and a canary still waiting
        // for a slot then never starts. None of the class's batches may start.
        assertThat(requested).as("only canaries of the broken class were tried").hasSizeBetween(1, BROKEN.canary())
                .allSatisfy(id -> assertThat(scheduled(id).get(0).detail()).contains("canary"));
        for (String secretId : requested) {
            assertThat(rotations.awaitTerminal(scheduled(secretId).get(0).rotationId())).as(secretId).isEqualTo("RotationRolledBack");
        }
        // What a scheduler that leads next would take over, read from the real topic.
        RolloutWave wave = savedWave(BROKEN.name()).orElseThrow();
        assertThat(wave.getBreakerTrip()).as("the wave saved on rotation.rollout").contains("canary");
        assertThat(wave.getTripReported()).isTrue();
        assertThat(wave.getMembers()).extracting(WaveMember::getSecretId).containsExactlyInAnyOrderElementsOf(requested);
    }

    @Test
    @Order(4)
    void aGarbageRecordOnEveryCompactedTopicThenBothSchedulersKilledAndStartedLoseNoState() throws Exception {
        ServiceProcess first = services.get(RotorServices.SCHEDULER);
        String brokenSecret = secretsByClass.get(BROKEN.name()).get(BROKEN.secrets() - 1);
        HttpResponse<String> emergency = Fixtures.post(first.url() + "/api/rotations",
                Map.of("secretId", brokenSecret, "reason", "EMERGENCY", "detail", "key leaked"));
        assertThat(emergency.statusCode()).as(emergency.body()).isEqualTo(202);
        String requestId = Fixtures.JSON.readTree(emergency.body()).get("requestId").asText();
        String registered = secretsByClass.get("wave-orders").get(0);
        String revision = Fixtures.JSON.readTree(Fixtures.get(first.url() + "/api/policies").body()).get("revision").asText();
        assertThat(breakerPause()).isPresent();
        // Under each key with state, the last record becomes 12 bytes that are not Avro: read again at every start.
        Map<String, String> keys = Map.of(Topics.ROTATION_CONTROL, "class/" + BROKEN.name(), Topics.SECRET_REGISTRY, registered,
                Topics.ROTATION_APPROVALS, requestId, Topics.ROTATION_POLICY, "e2e-waves", Topics.ROTATION_ROLLOUT, BROKEN.name());
        byte[] garbage = "not-avro-12!".getBytes(StandardCharsets.UTF_8);
        for (var key : keys.entrySet()) {
            RawTopics.publish(key.getKey(), key.getValue().getBytes(StandardCharsets.UTF_8), garbage);
        }

        first.kill();
        secondScheduler.kill();
        first.start(Map.of());
        secondScheduler.start(Map.of());

        for (ServiceProcess scheduler : List.of(first, secondScheduler)) {
            assertThat(breakerPause(scheduler)).as("%s: the breaker's pause of %s", scheduler.name(), BROKEN.name()).isPresent();
            JsonNode secret = Fixtures.JSON.readTree(Fixtures.get(scheduler.url() + "/api/secrets/" + registered).body());
            assertThat(secret.path("class").asText()).as("%s: the registration of %s", scheduler.name(), registered).isEqualTo("wave-orders");
            JsonNode policy = Fixtures.JSON.readTree(Fixtures.get(scheduler.url() + "/api/policies").body());
            assertThat(policy.path("revision").asText()).as("%s: the policy in force", scheduler.name()).isEqualTo(revision);
            // The requester holds the approver role too: only being the same person refuses it.
            HttpResponse<String> selfApproval = Fixtures.post(scheduler.url() + "/api/approvals/" + requestId, Map.of());
            assertThat(selfApproval.statusCode()).as("%s: the pending approval still knows its requester: %s", scheduler.name(),
                    selfApproval.body()).isEqualTo(403);
        }
        for (var key : keys.entrySet()) {
            assertThat(RawTopics.read(List.of(Topics.deadLetter(key.getKey()))))
                    .as("the garbage under %s on %s is dead-lettered", key.getValue(), key.getKey())
                    .anyMatch(r -> key.getValue().equals(new String(r.key(), StandardCharsets.UTF_8)) && Arrays.equals(garbage, r.value()));
        }
    }

    /** The latest wave of the class on rotation.rollout. */
    private static Optional<RolloutWave> savedWave(String secretClass) {
        AvroKafkaDeserializer<RolloutWave> values = new AvroKafkaDeserializer<>();
        values.configure(RotorStack.registry().serdeConfig(), false);
        return RawTopics.read(List.of(Topics.ROTATION_ROLLOUT)).stream()
                .filter(r -> secretClass.equals(new String(r.key(), StandardCharsets.UTF_8)))
                .map(r -> values.deserialize(r.topic(), r.value()))
                .reduce((earlier, later) -> later);
    }

    private static Optional<JsonNode> breakerPause() throws Exception {
        return breakerPause(services.get(RotorServices.SCHEDULER));
    }

    private static Optional<JsonNode> breakerPause(ServiceProcess scheduler) throws Exception {
        JsonNode pauses = Fixtures.JSON.readTree(Fixtures.get(scheduler.url() + "/api/pauses").body());
        for (JsonNode pause : pauses) {
            if (BROKEN.name().equals(pause.path("name").asText()) && "CIRCUIT_BREAKER".equals(pause.path("source").asText())) {
                return Optional.of(pause);
            }
        }
        return Optional.empty();
    }

    private static Optional<Rotation> firstCompletedScheduled(String secretId) {
        return scheduled(secretId).stream().findFirst().filter(r -> "RotationCompleted".equals(r.terminal()));
    }

    /** The secret's SCHEDULED rotations in request order, each with its end if it has one. */
    private static List<Rotation> scheduled(String secretId) {
        return log.all().stream()
                .filter(RotationRequested.class::isInstance).map(RotationRequested.class::cast)
                .filter(r -> r.getSecretId().equals(secretId) && r.getReason() == RotationReason.SCHEDULED)
                .collect(Collectors.toMap(RotationRequested::getRotationId, r -> r, (a, b) -> a)).values().stream()
                .map(SchedulerEndToEndIT::withEnd)
                .sorted(Comparator.comparing(Rotation::requestedAt))
                .toList();
    }

    private static Rotation withEnd(RotationRequested request) {
        Optional<SpecificRecord> end = log.of(request.getRotationId()).stream()
                .filter(e -> LifecycleLog.TERMINAL_TYPES.contains(e.getSchema().getName())).findFirst();
        return new Rotation(request.getRotationId(), request.getOccurredAt(), String.valueOf(request.getDetail()),
                end.map(e -> e.getSchema().getName()).orElse(null),
                end.map(e -> (Instant) e.get(e.getSchema().getField("occurredAt").pos())).orElse(null));
    }

    /** The most rotations of these secrets that were in flight at one instant (request to terminal event). */
    private static int mostInFlightAtOnce(List<String> secretIds) {
        List<Map.Entry<Instant, Integer>> changes = new ArrayList<>();
        for (String secretId : secretIds) {
            for (Rotation r : scheduled(secretId)) {
                changes.add(Map.entry(r.requestedAt(), 1));
                changes.add(Map.entry(r.endedAt() == null ? Instant.MAX : r.endedAt(), -1));
            }
        }
        // At one instant, an end frees its place before a start takes it.
        changes.sort(Map.Entry.<Instant, Integer>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
        int inFlight = 0;
        int most = 0;
        for (Map.Entry<Instant, Integer> change : changes) {
            inFlight += change.getValue();
            most = Math.max(most, inFlight);
        }
        return most;
    }

    private static String matrix() {
        StringBuilder yaml = new StringBuilder("""
                name: e2e-waves
                timezone: UTC
                limits:
                  global: %d
                classes:
                """.formatted(GLOBAL_LIMIT));
        for (WaveClass waveClass : concat(WAVE_CLASSES, BROKEN)) {
            yaml.append("""
                      %s:
                        owner: team-e2e
                        cadence: %s
                        maxConcurrent: %d
                        scope: ["%s/*"]
                        rollout:
                          canary: %d
                          batchSize: %d
                          breakerFailureRate: 0.5
                          breakerMinEnded: 2
                        emergencySecondApprover: %s
                    """.formatted(waveClass.name(), CADENCE, waveClass.maxConcurrent(), waveClass.name(), waveClass.canary(),
                    waveClass.batchSize(), waveClass == BROKEN ? "yes" : "no"));
        }
        return yaml.toString();
    }

    private static List<WaveClass> concat(List<WaveClass> classes, WaveClass another) {
        List<WaveClass> all = new ArrayList<>(classes);
        all.add(another);
        return all;
    }

    private record WaveClass(String name, int secrets, int canary, int batchSize, int maxConcurrent) {
    }

    private record Rotation(String rotationId, Instant requestedAt, String detail, String terminal, Instant endedAt) {
    }
}
