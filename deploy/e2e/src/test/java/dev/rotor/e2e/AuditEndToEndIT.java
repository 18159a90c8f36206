package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rotor.e2e.Rotations.ManagedRole;

/**
 * The audit with the pipeline's real rotations: status, timeline, SIEM records and their chain,
 * metrics; two audit instances sharing the work; a fresh audit rebuilt from the topics.
 */
class AuditEndToEndIT extends EndToEndTest {

    private static final Duration AUDIT_WAIT = Duration.ofSeconds(120);

    @Test
    void aRealRotationShowsUpInStatusTimelineSiemRecordsAndMetrics() throws Exception {
        ManagedRole role = rotations.newRole("audited_app");
        String rotationId = rotations.request(role.secretId());
        assertThat(rotations.awaitTerminal(rotationId)).isEqualTo("RotationCompleted");
        String audit = services.auditUrl();

        JsonNode status = await().atMost(AUDIT_WAIT).until(() -> json(audit + "/api/secrets/" + role.secretId()),
                s -> s != null && "COMPLETED".equals(s.path("lastOutcome").asText()) && rotationId.equals(s.path("lastRotationId").asText()));
        assertThat(status.get("secretClass").asText()).isEqualTo("database");
        assertThat(status.get("owner").asText()).isEqualTo("team-e2e");
        assertThat(status.get("overdue").asBoolean()).isFalse();
        assertThat(status.get("inFlightRotationId").isNull()).isTrue();
        assertThat(status.get("storeVersion").asInt()).isEqualTo(role.storedVersion());
        assertThat(status.get("secondsSinceLastSuccess").asLong()).isBetween(0L, 600L);

        JsonNode timeline = json(audit + "/api/rotations/" + rotationId);
        assertThat(timeline.get("state").asText()).isEqualTo("COMPLETED");
        assertThat(timeline.get("incomplete").asBoolean()).isFalse();
        assertThat(timeline.get("events").findValuesAsText("type"))
                .containsExactly("RotationRequested", "SecretUpdated", "VerificationSucceeded", "RotationCompleted");

        List<JsonNode> siem = siemRecordsOf(rotationId, 4);
        assertThat(siem).extracting(r -> r.at("/event/action").asText()).containsExactly(
                "secret.rotation.requested", "secret.updated", "secret.verification.succeeded", "secret.rotation.completed");
        assertThat(siem.get(0).at("/user/name").asText()).as("the requester is the token's principal").isEqualTo(Fixtures.OPERATOR);
        assertThat(siem.get(0).at("/rotor/reason").asText()).isEqualTo("MANUAL");
        assertThat(siem.get(3).at("/event/outcome").asText()).isEqualTo("success");
        assertThat(siem.get(3).at("/rotor/store/version/new").asInt()).isEqualTo(role.storedVersion());
        assertThat(siem).allSatisfy(r -> {
            assertThat(r.at("/@timestamp").asText()).isNotEmpty();
            assertThat(r.at("/event/category/0").asText()).isEqualTo("iam");
            assertThat(r.at("/rotor/secret/id").asText()).isEqualTo(role.secretId());
            assertThat(r.at("/rotor/chain/seq").asLong()).isPositive();
        });
        assertThat(siem).extracting(r -> r.at("/rotor/chain/seq").asLong()).containsExactly(1L, 2L, 3L, 4L);

        JsonNode verify = json(audit + "/api/audit/verify?secretId=" + URLEncoder.encode(role.secretId(), StandardCharsets.UTF_8));
        assertThat(verify.get("intact").asBoolean()).as("chain of %s: %s", role.secretId(), verify).isTrue();
        assertThat(verify.get("records").asLong()).isGreaterThanOrEqualTo(4);

        double lastSuccessSeconds = await().atMost(Duration.ofSeconds(30))
                .until(() -> lastSuccessGauge(audit, role.secretId()), value -> value != null);
        assertThat(lastSuccessSeconds).as("seconds since the rotation that just completed").isBetween(0.0, 3600.0);
    }

    @Test
    void twoAuditInstancesEachAnswerForKeysTheOtherOwnsAndListTheUnion() throws Exception {
        List<String> secretIds = backfill("two-instances", 12);
        String first = services.auditUrl();
        await().atMost(AUDIT_WAIT).until(() -> ids(json(first + "/api/secrets")).containsAll(secretIds));

        ServiceProcess second = services.startAnother(RotorServices.AUDIT,
                Map.of("ROTOR_AUDIT_STATE_DIR", Files.createTempDirectory("rotor-audit-second-").toString()));
        try {
            // Once the group has settled, each instance holds part of the secrets and together all of them. Settled means
            // the same split twice in a row: Streams may move tasks again right after the first assignment (warm-ups).
            AtomicReference<List<Set<String>>> previous = new AtomicReference<>();
            List<Set<String>> split = await().atMost(AUDIT_WAIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions().until(() -> {
                List<Set<String>> now = List.of(ids(json(first + "/api/secrets?local=true")), ids(json(second.url() + "/api/secrets?local=true")));
                return now.equals(previous.getAndSet(now)) ? now : null;
            }, now -> {
                if (now == null) {
                    return false;
                }
                Set<String> union = new HashSet<>(now.get(0));
                union.addAll(now.get(1));
                return !now.get(0).isEmpty() && !now.get(1).isEmpty() && union.size() == now.get(0).size() + now.get(1).size()
                        && union.containsAll(secretIds);
            });
            Set<String> heldByFirst = split.get(0);
            Set<String> heldBySecond = split.get(1);
            assertThat(secretIds).as("our secrets are spread over both instances")
                    .anyMatch(heldByFirst::contains).anyMatch(heldBySecond::contains);

            for (String secretId : secretIds) {
                JsonNode fromFirst = json(first + "/api/secrets/" + secretId);
                JsonNode fromSecond = json(second.url() + "/api/secrets/" + secretId);
                assertThat(fromFirst.get("secretId").asText()).isEqualTo(secretId);
                assertThat(withoutClockFields(fromSecond)).as(secretId).isEqualTo(withoutClockFields(fromFirst));
                String rotationId = fromFirst.get("lastRotationId").asText();
                assertThat(json(first + "/api/rotations/" + rotationId)).isEqualTo(json(second.url() + "/api/rotations/" + rotationId));
            }

            Set<String> union = new HashSet<>(heldByFirst);
            union.addAll(heldBySecond);
            assertThat(ids(json(first + "/api/secrets"))).isEqualTo(union);
            assertThat(ids(json(second.url() + "/api/secrets"))).isEqualTo(union);
        } finally {
            second.stop();
            // Whatever happened above, the next test finds the first instance holding everything again.
            await().atMost(AUDIT_WAIT).ignoreExceptions().until(() -> ids(json(first + "/api/secrets?local=true")).containsAll(secretIds));
        }
    }

    @Test
    void aFreshAuditRebuiltFromTheTopicsAnswersExactlyAsTheFirst() throws Exception {
        List<String> secretIds = backfill("replayed", 3);
        String first = services.auditUrl();
        await().atMost(AUDIT_WAIT).until(() -> ids(json(first + "/api/secrets")).containsAll(secretIds));

        ServiceProcess fresh = services.startAnother(RotorServices.AUDIT, Map.of(
                "ROTOR_AUDIT_APPLICATION_ID", "rotor-audit-replay-" + UUID.randomUUID(),
                "ROTOR_AUDIT_STATE_DIR", Files.createTempDirectory("rotor-audit-replay-").toString()));
        try {
            // Statuses and timelines are separate stores (timelines go through a repartition topic): wait for both.
            JsonNode expectedSecrets = withoutClockFields(json(first + "/api/secrets"));
            JsonNode expectedRotations = withoutClockFields(json(first + "/api/rotations"));
            await().atMost(AUDIT_WAIT).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> withoutClockFields(json(fresh.url() + "/api/secrets")).equals(expectedSecrets)
                            && withoutClockFields(json(fresh.url() + "/api/rotations")).equals(expectedRotations));

            assertThat(withoutClockFields(json(fresh.url() + "/api/secrets"))).isEqualTo(withoutClockFields(json(first + "/api/secrets")));
            JsonNode rotationsOfFirst = json(first + "/api/rotations");
            assertThat(rotationsOfFirst.size()).isGreaterThanOrEqualTo(secretIds.size());
            for (JsonNode rotation : rotationsOfFirst) {
                String rotationId = rotation.get("rotationId").asText();
                assertThat(withoutClockFields(json(fresh.url() + "/api/rotations/" + rotationId)))
                        .as("rotation %s", rotationId).isEqualTo(withoutClockFields(json(first + "/api/rotations/" + rotationId)));
            }
        } finally {
            fresh.stop();
        }
    }

    @Test
    void aBackfilledRotationSetsStalenessAndTouchesNeitherStoreNorTarget() throws Exception {
        ManagedRole role = rotations.newRole("backfilled_app");
        // Within the cadence (P30D): the scheduler has no reason to rotate it, so anything that moves was the backfill.
        Instant completedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(20, ChronoUnit.DAYS);
        int versionBefore = role.storedVersion();

        backfill(List.of(role.secretId()), completedAt);

        JsonNode status = await().atMost(AUDIT_WAIT).until(() -> json(services.auditUrl() + "/api/secrets/" + role.secretId()),
                s -> s != null && completedAt.toString().equals(s.path("lastSuccessAt").asText()));
        assertThat(status.get("secondsSinceLastSuccess").asLong()).as("stale since the imported success, not the registration")
                .isGreaterThanOrEqualTo(Duration.ofDays(20).toSeconds());
        assertThat(status.get("overdue").asBoolean()).isFalse();
        String rotationId = status.get("lastRotationId").asText();
        await().atMost(AUDIT_WAIT).until(() -> log.typesOf(rotationId).contains("RotationCompleted"));
        // Give the rotator time to (wrongly) act on the request before looking at the events, the store and the target.
        await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        assertThat(log.typesOf(rotationId)).as("a historical record, not a rotation to perform")
                .containsExactlyInAnyOrder("RotationRequested", "RotationCompleted");
        assertThat(role.storedVersion()).isEqualTo(versionBefore);
        assertThat(Fixtures.logsIn(role.role(), role.initialPassword())).isTrue();
    }

    /** Imports one historical rotation for each of {@code count} new secrets through the audit's backfill API. */
    private static List<String> backfill(String prefix, int count) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Instant completedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(3, ChronoUnit.DAYS);
        List<String> secretIds = IntStream.range(0, count).mapToObj(i -> "db/" + prefix + "-" + run + "-" + i).toList();
        backfill(secretIds, completedAt);
        return secretIds;
    }

    private static void backfill(List<String> secretIds, Instant completedAt) throws Exception {
        StringBuilder file = new StringBuilder();
        for (String secretId : secretIds) {
            file.append("{\"secretId\":\"").append(secretId).append("\",\"completedAt\":\"").append(completedAt)
                    .append("\",\"initiator\":\"e2e-import\"}\n");
        }
        HttpResponse<String> imported = Fixtures.post(services.auditUrl() + "/api/backfill", "application/x-ndjson", file.toString());
        assertThat(imported.statusCode()).as(imported.body()).isEqualTo(200);
        assertThat(Fixtures.JSON.readTree(imported.body()).get("secrets").asInt()).isEqualTo(secretIds.size());
    }

    private static JsonNode json(String url) throws Exception {
        HttpResponse<String> response = Fixtures.get(url);
        if (response.statusCode() == 404) {
            return null;
        }
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return Fixtures.JSON.readTree(response.body());
    }

    private static Set<String> ids(JsonNode secrets) {
        Set<String> ids = new HashSet<>();
        secrets.forEach(secret -> ids.add(secret.get("secretId").asText()));
        return ids;
    }

    /** An answer without what moves with the clock of the instance that answered (age, when a finding was detected). */
    private static JsonNode withoutClockFields(JsonNode answer) {
        JsonNode copy = answer.deepCopy();
        List<JsonNode> nodes = new ArrayList<>();
        nodes.add(copy);
        copy.forEach(nodes::add);
        for (JsonNode node : nodes) {
            if (node instanceof ObjectNode object) {
                object.remove("secondsSinceLastSuccess");
                if (object.get("findings") instanceof ArrayNode findings) {
                    findings.forEach(finding -> ((ObjectNode) finding).remove("detectedAt"));
                }
            }
        }
        return copy;
    }

    private static List<JsonNode> siemRecordsOf(String rotationId, int expected) {
        return await().atMost(AUDIT_WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            List<JsonNode> records = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            for (ConsumerRecord<byte[], byte[]> record : RawTopics.read(List.of("rotation.audit"))) {
                JsonNode json = Fixtures.JSON.readTree(record.value());
                // A replay re-emits identical records: each event once.
                if (rotationId.equals(json.at("/rotor/rotation/id").asText()) && seen.add(json.at("/event/id").asText())) {
                    records.add(json);
                }
            }
            return records;
        }, records -> records.size() >= expected);
    }

    private static final Pattern GAUGE = Pattern.compile("^secret_rotation_last_success_seconds\\{([^}]*)} (\\S+)$", Pattern.MULTILINE);

    /** The gauge operators alert on, for one secret; null until it is exported. */
    private static Double lastSuccessGauge(String audit, String secretId) throws Exception {
        Matcher gauge = GAUGE.matcher(Fixtures.get(audit + "/q/metrics").body());
        while (gauge.find()) {
            if (gauge.group(1).contains("secret_id=\"" + secretId + "\"")) {
                return Double.parseDouble(gauge.group(2));
            }
        }
        return null;
    }
}
