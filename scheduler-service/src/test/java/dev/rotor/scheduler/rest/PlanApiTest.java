package dev.rotor.scheduler.rest;

import static dev.rotor.scheduler.rest.Callers.as;
import static dev.rotor.scheduler.rest.Callers.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.Roles;
import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.stack.testing.MovableClock;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** GET /api/plan over the application's own view, policy and pauses, with the clock standing still. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryMessaging.class, restrictToAnnotatedClass = true)
class PlanApiTest {

    private static final List<String> OUTGOING = List.of(Channels.ROTATION_REQUESTED_OUT, Channels.ROLLBACK_REQUESTED,
            Channels.SECRET_REGISTRY_OUT, Channels.ROTATION_POLICY_OUT, Channels.ROTATION_CONTROL_OUT, Channels.ROTATION_APPROVALS_OUT);

    @Inject
    @Any
    InMemoryConnector messaging;

    @Inject
    ViewProgress view;

    private InMemoryChannels channels;
    // Now, not a fixed date: a policy applied earlier than the one other tests left in force would not take effect.
    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final String className = "plan-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeEach
    void viewHasReadEverythingAndTheClockStandsStill() {
        InMemoryChannels.viewHasReadEverything(view);
        channels = new InMemoryChannels(messaging);
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void eachSecretShowsWhenItWouldRotateAndWhyAndNothingIsEmitted() {
        Instant now = clock.instant();
        // A window that opens in a little over three hours and lasts two: now is outside it, whatever the time of day.
        LocalTime opens = LocalTime.ofInstant(now.plus(Duration.ofHours(3)), ZoneOffset.UTC).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        Instant opening = now.plus(Duration.ofHours(3)).truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        Instant twoDaysAgo = now.minus(Duration.ofDays(2));
        channels.register(id("overdue"), twoDaysAgo);
        channels.register(id("due"), now.minus(Duration.ofHours(12)));
        channels.register(id("paused"), twoDaysAgo);
        channels.register(id("exempt"), twoDaysAgo);
        channels.register(id("windowed"), twoDaysAgo);
        channels.register(id("later"), now);
        as("test", Roles.POLICY_ADMIN).body(matrix(opens, opens.plusHours(2))).when().post("/api/policies").then().statusCode(200);
        as("carol", Roles.OPERATOR).contentType(ContentType.JSON)
                .body(Map.of("scope", "secret", "name", id("paused"), "reason", "DB upgrade")).when().post("/api/pauses").then().statusCode(201);
        channels.clear(OUTGOING.toArray(String[]::new));

        Map<String, Map<String, String>> plan = plan("24h");

        assertThat(plan).containsOnlyKeys(id("overdue"), id("due"), id("paused"), id("exempt"), id("windowed"));
        assertThat(plan.get(id("overdue"))).containsEntry("state", "OVERDUE").containsEntry("at", now.toString())
                .containsEntry("dueAt", now.minus(Duration.ofDays(1)).toString()).containsEntry("secretClass", className);
        assertThat(plan.get(id("overdue")).get("why")).isEqualTo("never rotated, registered " + twoDaysAgo + ", cadence P1D, due "
                + now.minus(Duration.ofDays(1)));
        assertThat(plan.get(id("due"))).containsEntry("state", "DUE").containsEntry("at", now.plus(Duration.ofHours(12)).toString())
                .containsEntry("dueAt", now.plus(Duration.ofHours(12)).toString());
        assertThat(plan.get(id("paused"))).containsEntry("state", "PAUSED").containsEntry("at", null);
        assertThat(plan.get(id("paused")).get("why")).startsWith("secret " + id("paused") + " paused by carol since " + now + ": DB upgrade;");
        assertThat(plan.get(id("exempt"))).containsEntry("state", "EXEMPT").containsEntry("at", "2030-01-01T00:00:00Z");
        assertThat(plan.get(id("exempt")).get("why")).startsWith("exempt until 2030-01-01T00:00:00Z: vendor freeze FRZ-7;");
        assertThat(plan.get(id("windowed"))).containsEntry("state", "OUTSIDE_WINDOW").containsEntry("at", opening.toString());
        assertThat(plan.get(id("windowed")).get("why")).startsWith("outside its windows, next opening " + opening + ";");

        // A longer window reaches the secret whose own cadence is a week.
        assertThat(plan("8d").get(id("later"))).containsEntry("state", "DUE").containsEntry("at", now.plus(Duration.ofDays(7)).toString());

        OUTGOING.forEach(channel -> assertThat(channels.count(channel)).as(channel).isZero());

        // The same plan for people (./rotor plan): aligned columns, the window as written in ISO.
        viewer().queryParam("window", "24h").when().get("/api/plan").then().statusCode(200).body("window", equalTo("PT24H"));
        List<String> lines = viewer().accept(ContentType.TEXT).queryParam("window", "24h").when().get("/api/plan")
                .then().statusCode(200).contentType(ContentType.TEXT)
                .extract().asString().lines().toList();
        assertThat(lines.get(0)).startsWith("plan for the next PT24H from " + now.truncatedTo(ChronoUnit.SECONDS) + ": ");
        assertThat(lines.get(1)).matches("SECRET +CLASS +STATE +WHEN +WHY");
        int why = lines.get(1).indexOf("WHY");
        assertThat(lines).filteredOn(line -> line.startsWith(id("overdue") + " ")).singleElement().satisfies(line -> {
            assertThat(line).contains(" " + className + " ", " OVERDUE ", " " + now.truncatedTo(ChronoUnit.SECONDS) + " ");
            assertThat(line.substring(why)).isEqualTo(plan.get(id("overdue")).get("why"));
        });
        assertThat(lines).filteredOn(line -> line.startsWith(id("paused") + " ")).singleElement()
                .satisfies(line -> assertThat(line).matches(".* PAUSED +- +secret .*"));
    }

    @Test
    void aWindowThatIsNotADurationIsA400SayingWhatToWrite() {
        viewer().queryParam("window", "tomorrow").when().get("/api/plan")
                .then().statusCode(400)
                .body("violations[0].field", equalTo("window"))
                .body("violations[0].message", containsString("24h, 90m, 7d or PT24H"));
    }

    /** The plan's entries for this test's secrets, by secret id; instants as the API writes them. */
    private Map<String, Map<String, String>> plan(String window) {
        List<Map<String, String>> entries = viewer().queryParam("window", window).when().get("/api/plan")
                .then().statusCode(200)
                .contentType(ContentType.JSON)
                .body("generatedAt", equalTo(clock.instant().toString()))
                .extract().jsonPath().getList("entries");
        return entries.stream().filter(e -> e.get("secretId").startsWith(className + "/"))
                .collect(Collectors.toMap(e -> e.get("secretId"), Function.identity()));
    }

    private String id(String name) {
        return className + "/" + name;
    }

    private String matrix(LocalTime windowOpens, LocalTime windowCloses) {
        return """
                name: plan-matrix
                classes:
                  %1$s:
                    owner: team-plan
                    cadence: P1D
                    scope: ["%1$s/*"]
                    exemptions:
                      - secrets: "%1$s/exempt"
                        reason: vendor freeze FRZ-7
                        until: 2030-01-01
                secrets:
                  %1$s/windowed:
                    windows:
                      - hours: "%2$s-%3$s"
                        timezone: UTC
                  %1$s/later:
                    cadence: P7D
                """.formatted(className, windowOpens, windowCloses);
    }
}
