package dev.rotor.audit;

import static dev.rotor.audit.Caller.asViewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.Roles;
import dev.rotor.stack.testing.RotorStack;
import dev.rotor.stack.testing.RotorStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The status page in headless Chromium against the real stack: what an operator sees for secrets of
 * different staleness, under a sort and a filter, a rotation's timeline, and an incomplete rotation;
 * and that without a token the audit accepts, the page asks for one and shows nothing.
 */
@QuarkusTest
@QuarkusTestResource(RotorStackResource.class)
class StatusPageIT {

    private static final Duration PIPELINE_WAIT = Duration.ofSeconds(150);

    @TestHTTPResource("/")
    URL page;

    @Test
    void anOperatorSeesStalenessSortsFiltersATimelineAndTheIncompleteRotation() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String owner = "team-page-" + run;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        String neverRotated = "db/a-never-rotated-" + run;
        String stuck = "db/b-stuck-" + run;
        String rotated = "db/c-rotated-" + run;
        RotationEvents stuckRotation = RotationEvents.rotation(stuck);
        RotationEvents completed = RotationEvents.rotation(rotated);
        Instant completedStart = now.minus(1, ChronoUnit.HOURS);
        StackEvents.publish(
                StackEvents.registration(neverRotated, "database", owner, "P30D", now.minus(40, ChronoUnit.DAYS)),
                StackEvents.registration(stuck, "database", owner, "P30D", now.minus(10, ChronoUnit.DAYS)),
                StackEvents.registration(rotated, "api-key", owner, "P1D", now.minus(5, ChronoUnit.DAYS)),
                // Requested 20 minutes ago with a deadline 10 minutes later, and nothing since.
                stuckRotation.requested(now.minus(20, ChronoUnit.MINUTES), "scheduler"),
                completed.requested(completedStart, "alice"),
                completed.updated(completedStart.plusMillis(400), 7),
                completed.verified(completedStart.plusMillis(900)),
                completed.completed(completedStart.plusMillis(1200), 8));

        await().atMost(PIPELINE_WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            asViewer().queryParam("owner", owner).get("/api/secrets").then().statusCode(200).body("$", hasSize(3));
            asViewer().get("/api/secrets/" + rotated).then().body("lastOutcome", equalTo("COMPLETED"));
            asViewer().queryParam("incomplete", true).get("/api/rotations").then().body("rotationId", hasItem(stuckRotation.rotationId()));
        });
        String mine = "?owner=" + URLEncoder.encode(owner, StandardCharsets.UTF_8);

        Document byStaleness = render(mine + "&sort=staleness&dir=desc");
        assertThat(secretRows(byStaleness)).containsExactly(neverRotated, stuck, rotated);
        Element neverRotatedRow = row(byStaleness, neverRotated);
        assertThat(neverRotatedRow.selectFirst("td.staleness").text()).isEqualTo("40 d 0 h");
        assertThat(neverRotatedRow.selectFirst("td.due .badge").text()).isEqualTo("breach");
        assertThat(neverRotatedRow.selectFirst("td.outcome").text()).isEqualTo("never rotated");
        // Links are built from the address bar: the view's query survived taking the token out of it.
        assertThat(neverRotatedRow.selectFirst("td.secret a").attr("href")).contains("sort=staleness").doesNotContain("token");
        assertThat(row(byStaleness, rotated).selectFirst("td.staleness").text()).matches("1 h \\d+ min");
        assertThat(row(byStaleness, rotated).selectFirst("td.outcome").text()).isEqualTo("COMPLETED");
        assertThat(row(byStaleness, stuck).selectFirst("td.in-flight").text()).isEqualTo(stuckRotation.rotationId());
        assertThat(byStaleness.selectFirst("#secrets th[data-sort=staleness]").attr("aria-sort")).isEqualTo("descending");

        assertThat(secretRows(render(mine + "&sort=staleness&dir=asc"))).containsExactly(rotated, stuck, neverRotated);
        assertThat(secretRows(render(mine + "&overdue=1"))).containsExactly(neverRotated);
        assertThat(secretRows(render(mine + "&class=api-key"))).containsExactly(rotated);
        assertThat(secretRows(render(mine + "&q=b-stuck"))).containsExactly(stuck);

        Document timeline = render(mine + "&secret=" + URLEncoder.encode(rotated, StandardCharsets.UTF_8)
                + "&rotation=" + completed.rotationId());
        assertThat(timeline.selectFirst("#rotations").hasAttr("hidden")).isFalse();
        assertThat(timeline.select("#rotations tbody tr").eachAttr("data-rotation-id")).containsExactly(completed.rotationId());
        assertThat(timeline.selectFirst("#timeline").hasAttr("hidden")).isFalse();
        assertThat(timeline.select("#timeline li").eachAttr("data-type"))
                .containsExactly("RotationRequested", "SecretUpdated", "VerificationSucceeded", "RotationCompleted");
        Element requested = timeline.selectFirst("#timeline li[data-type=RotationRequested]");
        assertThat(requested.selectFirst(".step-time").text()).isEqualTo(completedStart.toString().replace("T", " ").substring(0, 19) + " UTC");
        assertThat(requested.selectFirst(".step-details").text()).contains("by: alice");
        assertThat(timeline.selectFirst("#timeline li[data-type=RotationCompleted] .step-details").text()).contains("new version: 8");
        assertThat(timeline.selectFirst("#timeline .rotation-summary").text()).contains("COMPLETED");

        Element section = byStaleness.selectFirst("#incomplete");
        assertThat(section.hasAttr("hidden")).as("the incomplete rotations section is shown").isFalse();
        Element finding = section.selectFirst("tr.incomplete[data-rotation-id=" + stuckRotation.rotationId() + "]");
        assertThat(finding).as("the stuck rotation is listed as incomplete").isNotNull();
        assertThat(finding.selectFirst("td.kind").text()).isEqualTo("NO_TERMINAL_BY_DEADLINE");
        assertThat(finding.text()).contains(stuck).contains("RotationRequested");
    }

    @Test
    void withoutATokenTheAuditAcceptsThePageAsksForOneAndShowsNoData() throws Exception {
        String secretId = "db/not-for-strangers-" + UUID.randomUUID().toString().substring(0, 8);
        StackEvents.publish(StackEvents.registration(secretId, "database", "team-page", "P30D", Instant.now()));
        await().atMost(PIPELINE_WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> asViewer()
                .get("/api/secrets/" + secretId).then().statusCode(200));

        assertAsksForAToken(renderSignedOut(null), secretId, "No token yet");
        String expired = RotorStack.issuer().token("alice", List.of(Roles.VIEWER), Duration.ofMinutes(-10));
        assertAsksForAToken(renderSignedOut(expired), secretId, "expired or is not from this Rotor's issuer");
        assertAsksForAToken(renderSignedOut(RotorStack.issuer().token("alice")), secretId, "roles do not allow this");
    }

    private static void assertAsksForAToken(Document dom, String secretId, String reason) {
        assertThat(dom.selectFirst("#sign-in").hasAttr("hidden")).as("the sign-in form is shown").isFalse();
        assertThat(dom.selectFirst("#sign-in .reason").text()).contains(reason);
        assertThat(dom.selectFirst("#status").hasAttr("hidden")).as("the status is hidden").isTrue();
        assertThat(dom.select("#secrets tbody tr, #incomplete tbody tr")).isEmpty();
        assertThat(dom.text()).doesNotContain(secretId);
    }

    /** The page as Chromium shows it once its data arrived, opened with a viewer's token in the fragment. */
    private Document render(String query) {
        return renderUntil(query, Caller.token(Roles.VIEWER), "ready");
    }

    /** The page opened with {@code token} in the fragment (none when null), once it asks for a token. */
    private Document renderSignedOut(String token) {
        return renderUntil("", token, "signed-out");
    }

    private Document renderUntil(String query, String token, String state) {
        // Outside the wait, which would take a missing browser for a page not ready yet.
        HeadlessChromium.requireInstalled();
        String url = page.toString() + query + (token == null ? "" : "#token=" + token);
        Document dom = await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> HeadlessChromium.load(url), loaded -> state.equals(loaded.body().attr("data-state")));
        if (token != null) {
            assertThat(dom.outerHtml()).as("the token is never written into the page").doesNotContain(token);
        }
        return dom;
    }

    private static List<String> secretRows(Document dom) {
        return dom.select("#secrets tbody tr").eachAttr("data-secret-id");
    }

    private static Element row(Document dom, String secretId) {
        return dom.select("#secrets tbody tr").stream().filter(tr -> secretId.equals(tr.attr("data-secret-id"))).findFirst().orElseThrow();
    }
}
