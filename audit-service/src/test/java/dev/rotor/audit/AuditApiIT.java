package dev.rotor.audit;

import static dev.rotor.audit.Caller.asAuditor;
import static dev.rotor.audit.Caller.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.rotor.audit.chain.AuditChain;
import dev.rotor.contract.Topics;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * The query API, backfill and chain verification against the real broker and registry: registrations
 * and events published as the scheduler and the services publish them.
 */
@QuarkusTest
@QuarkusTestResource(dev.rotor.stack.testing.RotorStackResource.class)
class AuditApiIT {

    private static final Duration PIPELINE_WAIT = Duration.ofSeconds(90);
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @Test
    void secretsAreFilteredByOverdueBreachedClassAndOwner() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String owner = "team-a-" + run;
        String otherOwner = "team-b-" + run;
        String longStale = "db/long-stale-" + run;
        String fresh = "db/fresh-" + run;
        String apiKey = "api/key-" + run;
        StackEvents.publish(
                StackEvents.registration(longStale, "database", owner, "P30D", NOW.minus(40, ChronoUnit.DAYS)),
                StackEvents.registration(fresh, "database", otherOwner, "P30D", NOW.minus(10, ChronoUnit.DAYS)),
                StackEvents.registration(apiKey, "api-key", owner, "P1D", NOW.minus(3, ChronoUnit.DAYS)));

        await().atMost(PIPELINE_WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> asViewer()
                .queryParam("owner", owner).get("/api/secrets")
                .then().statusCode(200).body("secretId", contains(apiKey, longStale)));

        asViewer().queryParam("owner", owner).queryParam("overdue", true).get("/api/secrets")
                .then().statusCode(200).body("secretId", contains(apiKey, longStale));
        asViewer().queryParam("owner", owner).queryParam("breached", true).get("/api/secrets")
                .then().statusCode(200).body("secretId", contains(longStale));
        asViewer().queryParam("owner", owner).queryParam("class", "api-key").get("/api/secrets")
                .then().statusCode(200).body("secretId", contains(apiKey));
        // For people (./rotor status): aligned rows, the overdue and breached ones marked, then the counts.
        List<String> lines = asViewer().accept(ContentType.TEXT).queryParam("owner", owner).get("/api/secrets")
                .then().statusCode(200).contentType(ContentType.TEXT)
                .extract().asString().lines().toList();
        assertThat(lines.get(0)).matches("SECRET +CLASS +OWNER +SINCE-LAST-SUCCESS +DUE +OUTCOME +IN-FLIGHT");
        assertThat(lines.get(2)).matches(Pattern.quote(longStale) + " +database +" + owner + " +40d \\(never rotated\\) +"
                + NOW.minus(10, ChronoUnit.DAYS) + " BREACHED +UNKNOWN +-");
        assertThat(lines.get(1)).startsWith(apiKey + " ").contains(" OVERDUE ");
        assertThat(lines.get(3)).isEqualTo("2 secret(s), 2 overdue, 1 breached (over 7 days)");
        asViewer().queryParam("owner", otherOwner).queryParam("overdue", false).get("/api/secrets")
                .then().statusCode(200).body("secretId", contains(fresh));
        asViewer().queryParam("owner", otherOwner).queryParam("overdue", true).get("/api/secrets")
                .then().statusCode(200).body("$", hasSize(0));

        asViewer().get("/api/secrets/" + longStale)
                .then().statusCode(200)
                .body("secretClass", equalTo("database"))
                .body("owner", equalTo(owner))
                .body("cadence", equalTo("P30D"))
                .body("lastOutcome", equalTo("UNKNOWN"))
                .body("lastSuccessAt", nullValue())
                .body("staleSince", equalTo(NOW.minus(40, ChronoUnit.DAYS).toString()))
                .body("dueAt", equalTo(NOW.minus(10, ChronoUnit.DAYS).toString()))
                .body("maxAgeSeconds", equalTo(30 * 86400))
                .body("overdue", equalTo(true))
                .body("breached", equalTo(true));
        asViewer().get("/api/secrets/db/never-heard-of-" + run)
                .then().statusCode(404).body("message", containsString("db/never-heard-of-" + run));
    }

    @Test
    void aBackfillStartsStalenessFromTheImportedTimeAndAReimportChangesNothing() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String secretId = "db/imported-" + run;
        Instant completedAt = NOW.minus(2, ChronoUnit.DAYS);
        StackEvents.publish(StackEvents.registration(secretId, "database", "team-" + run, "P30D", NOW.minus(90, ChronoUnit.DAYS)));
        await().atMost(PIPELINE_WAIT).untilAsserted(() -> asViewer().get("/api/secrets/" + secretId)
                .then().statusCode(200).body("overdue", equalTo(true)));
        String file = "{\"secretId\":\"" + secretId + "\",\"completedAt\":\"" + completedAt + "\",\"initiator\":\"alice\"}\n";

        for (int attempt = 0; attempt < 2; attempt++) {
            asAuditor().contentType(ContentType.JSON).body(file).post("/api/backfill")
                    .then().statusCode(200).body("imported", equalTo(1)).body("secrets", equalTo(1));
        }

        await().atMost(PIPELINE_WAIT).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> asViewer().get("/api/secrets/" + secretId)
                .then().statusCode(200).body("lastSuccessAt", equalTo(completedAt.toString())));
        asViewer().get("/api/secrets/" + secretId)
                .then().statusCode(200)
                .body("lastOutcome", equalTo("COMPLETED"))
                .body("staleSince", equalTo(completedAt.toString()))
                .body("secondsSinceLastSuccess", greaterThan((int) Duration.ofDays(2).toSeconds() - 1))
                .body("overdue", equalTo(false))
                .body("dueAt", equalTo(completedAt.plus(30, ChronoUnit.DAYS).toString()));
        String rotationId = UUID.nameUUIDFromBytes(("backfill|" + secretId + "|" + completedAt).getBytes(StandardCharsets.UTF_8)).toString();
        // Timelines are re-keyed by rotation through a repartition topic: they may come a moment after the status.
        await().atMost(PIPELINE_WAIT).untilAsserted(() -> asViewer().get("/api/rotations/{id}", rotationId)
                .then().statusCode(200)
                .body("state", equalTo("COMPLETED")));
        asViewer().get("/api/rotations/{id}", rotationId)
                .then().statusCode(200)
                .body("incomplete", equalTo(false))
                .body("events.type", contains("RotationRequested", "RotationCompleted"))
                .body("events[0].reason", equalTo("BACKFILL"))
                .body("events[0].initiator", equalTo("alice"));
        assertThat(StackEvents.readAll(Topics.ROTATION_COMPLETED))
                .filteredOn(record -> secretId.equals(record.key()))
                .as("each import republishes the same event, which the audit takes once")
                .hasSize(2);
    }

    @Test
    void aBadBackfillFileIsRejectedWholeWithLineNumbers() {
        String secretId = "db/never-imported-" + UUID.randomUUID();
        String file = "{\"secretId\":\"" + secretId + "\",\"completedAt\":\"2026-09-01T03:00:00Z\",\"initiator\":\"alice\"}\n"
                + "{\"secretId\":\"db/other\",\"completedAt\":\"last tuesday\",\"initiator\":\"bob\"}\n"
                + "{\"secretId\":\"db/third\",\"completedAt\":\"2026-09-01T03:00:00Z\"}\n";

        asAuditor().contentType(ContentType.JSON).body(file).post("/api/backfill")
                .then().statusCode(400)
                .body("message", containsString("Nothing was imported"))
                .body("problems", contains(
                        "line 2: completedAt: 'last tuesday' is not an ISO-8601 UTC time such as 2026-09-01T03:00:00Z",
                        "line 3: initiator: missing"));

        assertThat(StackEvents.readAll(Topics.ROTATION_REQUESTED)).noneMatch(record -> secretId.equals(record.key()));
    }

    /** A backfill hides staleness; a web page the operator visits could post one as text/plain, without a preflight. */
    @Test
    void aPageOnAnotherSiteCannotPostABackfill() {
        String secretId = "db/forged-backfill-" + UUID.randomUUID();
        String file = "{\"secretId\":\"" + secretId + "\",\"completedAt\":\"2026-09-01T03:00:00Z\",\"initiator\":\"mallory\"}\n";

        // With an auditor's token, so that the refusal is the Origin check's own and not the missing token's.
        asAuditor().header("Origin", "https://evil.example").contentType(ContentType.TEXT).body(file).post("/api/backfill")
                .then().statusCode(403);

        assertThat(StackEvents.readAll(Topics.ROTATION_REQUESTED)).noneMatch(record -> secretId.equals(record.key()));
    }

    @Test
    void theChainOfARotationsAuditRecordsVerifiesAndATamperedChainNamesItsBreak() throws Exception {
        RotationEvents rotation = RotationEvents.rotation("db/chained-" + UUID.randomUUID());
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        StackEvents.publish(rotation.requested(start, "alice"), rotation.updated(start.plusMillis(100), 3),
                rotation.verified(start.plusMillis(200)), rotation.completed(start.plusMillis(300), 4));
        await().atMost(PIPELINE_WAIT).untilAsserted(() -> asAuditor().queryParam("secretId", rotation.secretId()).get("/api/audit/verify")
                .then().statusCode(200).body("records", equalTo(4)));

        asAuditor().queryParam("secretId", rotation.secretId()).get("/api/audit/verify")
                .then().statusCode(200)
                .body("intact", equalTo(true))
                .body("secrets", equalTo(1))
                .body("replayedCopies", equalTo(0))
                .body("firstBreak", nullValue());

        // A forged record: chain position 2 of a secret whose record 1 never was on the topic.
        String forged = "db/forged-" + UUID.randomUUID();
        StackEvents.publishRaw(Topics.ROTATION_AUDIT, forged, ("{\"rotor\":{\"secret\":{\"id\":\"" + forged
                + "\"},\"chain\":{\"seq\":2,\"prev_hash\":\"" + AuditChain.GENESIS + "\"}}}").getBytes(StandardCharsets.UTF_8));
        asAuditor().queryParam("secretId", forged).get("/api/audit/verify")
                .then().statusCode(200)
                .body("intact", equalTo(false))
                .body("firstBreak.secretId", equalTo(forged))
                .body("firstBreak.seq", equalTo(2))
                .body("firstBreak.kind", equalTo("MISSING"))
                .body("firstBreak.problem", containsString("seq 1 is missing"));
        asAuditor().get("/api/audit/verify").then().statusCode(200).body("secrets", greaterThan(1)).body("intact", equalTo(false));
    }

    @Test
    void aSecretsRotationsAreListedNewestFirst() throws Exception {
        RotationEvents first = RotationEvents.rotation("db/listed-" + UUID.randomUUID());
        RotationEvents second = new RotationEvents(first.secretId(), UUID.randomUUID().toString());
        Instant start = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        StackEvents.publish(first.requested(start, "alice"), first.failed(start.plusMillis(10), dev.rotor.schema.RotationFailureReason.IN_PROGRESS),
                second.requested(start.plusSeconds(30), "bob"));

        await().atMost(PIPELINE_WAIT).untilAsserted(() -> asViewer().queryParam("secretId", first.secretId()).get("/api/rotations")
                .then().statusCode(200).body("rotationId", contains(second.rotationId(), first.rotationId())));
        asViewer().queryParam("secretId", first.secretId()).get("/api/rotations")
                .then().body("state", contains("IN_FLIGHT", "FAILED"))
                .body("[1].terminal", equalTo("RotationFailed"));
        asViewer().queryParam("incomplete", true).get("/api/rotations")
                .then().statusCode(200).body("rotationId", org.hamcrest.Matchers.not(hasItem(first.rotationId())));
    }
}
