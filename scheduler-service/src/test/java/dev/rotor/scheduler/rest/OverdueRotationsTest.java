package dev.rotor.scheduler.rest;

import static dev.rotor.scheduler.rest.Callers.viewer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import jakarta.enterprise.inject.Any;
import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.EventIds;
import dev.rotor.contract.Topics;
import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.service.OverdueRotations;
import dev.rotor.scheduler.service.ViewProgress;
import dev.rotor.schema.IncompletenessKind;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationIncomplete;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import dev.rotor.stack.testing.MovableClock;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** A rotation that no terminal event ends by its deadline plus the grace (PT5M by default), as the application sees it. */
@QuarkusTest
@QuarkusTestResource(value = InMemoryMessaging.class, restrictToAnnotatedClass = true)
class OverdueRotationsTest {

    @Inject
    @Any
    InMemoryConnector messaging;

    @Inject
    ViewProgress view;

    @Inject
    OverdueRotations overdue;

    @Inject
    MeterRegistry meters;

    private final MovableClock clock = new MovableClock(Instant.now().truncatedTo(ChronoUnit.MILLIS));
    private final String secretId = "db/overdue-" + UUID.randomUUID();
    private InMemoryChannels channels;

    @BeforeEach
    void viewHasReadEverythingAndTheClockStandsStill() {
        InMemoryChannels.viewHasReadEverything(view);
        channels = new InMemoryChannels(messaging);
        QuarkusMock.installMockForType(clock, Clock.class);
    }

    @Test
    void theLeaderReleasesAnOverdueRotationAndSaysSoOnceAndALateEndIsStillRecorded() {
        channels.register(secretId, clock.instant().minus(Duration.ofDays(1)));
        String rotationId = UUID.randomUUID().toString();
        Instant deadline = clock.instant().plus(Duration.ofMinutes(15));
        channels.send(Channels.ROTATION_REQUESTED, Topics.ROTATION_REQUESTED, secretId, RotationRequested.newBuilder()
                .setEventId(UUID.randomUUID()).setRotationId(rotationId).setSecretId(secretId).setOccurredAt(clock.instant())
                .setReason(RotationReason.MANUAL).setInitiator("alice").setDeadline(deadline).setAttempt(1).build());
        await().untilAsserted(() -> viewer().when().get("/api/secrets/" + secretId).then().body("inFlightRotationId", equalTo(rotationId)));
        double expiredBefore = meters.counter("rotor.scheduler.rotations.expired").count();

        clock.set(deadline.plus(Duration.ofMinutes(5)));
        overdue.release(true);
        assertThat(channels.values(Channels.ROTATION_INCOMPLETE_OUT, secretId, RotationIncomplete.class)).as("not before the grace has passed")
                .isEmpty();

        clock.advance(Duration.ofSeconds(1));
        overdue.release(true);
        overdue.release(true);

        RotationIncomplete event = channels.single(Channels.ROTATION_INCOMPLETE_OUT, secretId, RotationIncomplete.class);
        assertThat(event.getEventId()).as("the audit's id for the same finding")
                .isEqualTo(EventIds.ofFinding(rotationId, IncompletenessKind.NO_TERMINAL_BY_DEADLINE, false));
        assertThat(event.getRotationId()).isEqualTo(rotationId);
        assertThat(event.getKind()).isEqualTo(IncompletenessKind.NO_TERMINAL_BY_DEADLINE);
        assertThat(event.getDetail()).contains("released the rotation's slot after deadline + grace");
        assertThat(event.getDeadline()).isEqualTo(deadline);
        assertThat(event.getResolved()).isFalse();
        assertThat(meters.counter("rotor.scheduler.rotations.expired").count()).isEqualTo(expiredBefore + 1);
        viewer().when().get("/api/secrets/" + secretId).then().statusCode(200).body("inFlightRotationId", nullValue());
        assertThat(channels.values(Channels.ROTATION_REQUESTED_OUT, secretId, RotationRequested.class))
                .as("the scheduler does not end rotations: nothing but the announcement").isEmpty();

        Instant completedAt = clock.instant();
        channels.send(Channels.ROTATION_COMPLETED, Topics.ROTATION_COMPLETED, secretId, RotationCompleted.newBuilder()
                .setEventId(UUID.randomUUID()).setRotationId(rotationId).setSecretId(secretId).setOccurredAt(completedAt)
                .setNewStoreVersion(4).build());
        await().untilAsserted(() -> viewer().when().get("/api/secrets/" + secretId).then()
                .body("lastRotatedAt", equalTo(completedAt.toString())));
    }

    @Test
    void aStandbyReleasesInItsOwnViewWithoutAnnouncing() {
        channels.register(secretId, clock.instant().minus(Duration.ofDays(1)));
        String rotationId = UUID.randomUUID().toString();
        channels.send(Channels.ROTATION_REQUESTED, Topics.ROTATION_REQUESTED, secretId, RotationRequested.newBuilder()
                .setEventId(UUID.randomUUID()).setRotationId(rotationId).setSecretId(secretId).setOccurredAt(clock.instant())
                .setReason(RotationReason.EMERGENCY).setInitiator("alice").setAttempt(1).build());
        await().untilAsserted(() -> viewer().when().get("/api/secrets/" + secretId).then().body("inFlightRotationId", equalTo(rotationId)));

        // No deadline on the request: the default rotation-deadline (PT15M) applies.
        clock.advance(Duration.ofMinutes(20).plusSeconds(1));
        overdue.release(false);

        viewer().when().get("/api/secrets/" + secretId).then().statusCode(200).body("inFlightRotationId", nullValue());
        assertThat(channels.values(Channels.ROTATION_INCOMPLETE_OUT, secretId, RotationIncomplete.class)).isEmpty();
    }
}
