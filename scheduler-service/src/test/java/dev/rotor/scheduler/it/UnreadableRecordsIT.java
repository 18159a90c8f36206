package dev.rotor.scheduler.it;

import static dev.rotor.scheduler.rest.Callers.viewer;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.Topics;
import dev.rotor.scheduler.approval.EmergencyApprovals;
import dev.rotor.scheduler.service.RolloutTopic;
import dev.rotor.schema.RolloutWave;
import dev.rotor.stack.testing.RotorStackResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Compacted topics whose last record under a key with state is garbage, read by the running scheduler: the state holds, the
 * view stays ready, the garbage is on the dead-letter topic; a real tombstone still deletes.
 */
@QuarkusTest
@QuarkusTestResource(value = RotorStackResource.class, restrictToAnnotatedClass = true)
class UnreadableRecordsIT {

    @Inject
    EmergencyApprovals approvals;

    @Inject
    RolloutTopic rollouts;

    @Test
    void aBadRecordIsDeadLetteredAndSkippedAndNeverDeletesWhatItsKeyHeld() throws Exception {
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> given().when().get("/q/health/ready").then().statusCode(200));
        StateWithGarbageOnTop.write();
        // Each topic is read in order: once the garbage is dead-lettered, the state before it has been read.
        for (Map.Entry<String, String> key : StateWithGarbageOnTop.KEYS.entrySet()) {
            StackTopics.awaitRaw(Topics.deadLetter(key.getKey()),
                    r -> key.getValue().equals(r.key()) && Arrays.equals(StateWithGarbageOnTop.GARBAGE, r.value()));
        }
        given().when().get("/q/health/ready").then().statusCode(200);

        viewer().when().get("/api/pauses").then().statusCode(200)
                .body("key", hasItem("global"))
                .body("find { it.key == 'global' }.reason", equalTo("freeze before the garbage"));
        viewer().when().get("/api/secrets/" + StateWithGarbageOnTop.SECRET_ID).then().statusCode(200)
                .body("class", equalTo(StateWithGarbageOnTop.SECRET_CLASS));
        assertThat(approvals.find(StateWithGarbageOnTop.REQUEST_ID)).as("the pending approval").isPresent();
        assertThat(rollouts.saved()).extracting(RolloutWave::getSecretClass).as("the wave").contains(StateWithGarbageOnTop.SECRET_CLASS);
        viewer().when().get("/api/policies").then().statusCode(200).body("policy", equalTo(StateWithGarbageOnTop.POLICY));

        for (Map.Entry<String, String> key : StateWithGarbageOnTop.KEYS.entrySet()) {
            ConsumerRecord<String, byte[]> dead = StackTopics.awaitRaw(Topics.deadLetter(key.getKey()),
                    r -> key.getValue().equals(r.key()) && Arrays.equals(StateWithGarbageOnTop.GARBAGE, r.value()));
            assertThat(new String(dead.headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                    .as(key.getKey()).contains("could not be decoded").contains("keeps its previous state");
            assertThat(new String(dead.headers().lastHeader("dead-letter-topic").value(), StandardCharsets.UTF_8)).isEqualTo(key.getKey());
        }
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("rotor_scheduler_unreadable_records_total{topic=\"rotation.control\"}"))
                .body(containsString("rotor_scheduler_unreadable_records_total{topic=\"secret.registry\"}"));

        // A real tombstone (no value bytes) is still a deletion.
        StackTopics.publishRaw(Topics.ROTATION_CONTROL, "global", null);
        StackTopics.publishRaw(Topics.SECRET_REGISTRY, StateWithGarbageOnTop.SECRET_ID, null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            viewer().when().get("/api/pauses").then().statusCode(200).body("key", not(hasItem("global")));
            viewer().when().get("/api/secrets/" + StateWithGarbageOnTop.SECRET_ID).then().statusCode(404);
        });
    }
}
