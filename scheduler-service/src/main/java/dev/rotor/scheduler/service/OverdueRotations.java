package dev.rotor.scheduler.service;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import dev.rotor.contract.EventIds;
import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.config.SchedulerConfig;
import dev.rotor.scheduler.domain.ReleasedRotation;
import dev.rotor.scheduler.schedule.SchedulingEngine;
import dev.rotor.schema.IncompletenessKind;
import dev.rotor.schema.RotationIncomplete;
import dev.rotor.schema.RotationRequested;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Enforces deadlines in the scheduler's view: a rotation without a terminal event by its deadline plus the grace
 * (a request dead-lettered, or one the rotator never took) stops holding its secret's schedule and a concurrency slot.
 * The scheduler never ends a rotation itself (only the rotator emits terminal events); it says what it released on
 * rotation.incomplete, with an event id that follows from the rotation, so that a release repeated across a failover is
 * one event.
 */
@ApplicationScoped
public class OverdueRotations {

    private static final Logger LOG = Logger.getLogger(OverdueRotations.class);

    private final RotationLedger ledger;
    private final SchedulingEngine engine;
    private final Duration grace;
    private final Counter expired;
    private final MutinyEmitter<Record<String, RotationIncomplete>> incomplete;

    OverdueRotations(RotationLedger ledger, SchedulingEngine engine, SchedulerConfig config, MeterRegistry meters,
            @Channel(Channels.ROTATION_INCOMPLETE_OUT) MutinyEmitter<Record<String, RotationIncomplete>> incomplete) {
        this.ledger = ledger;
        this.engine = engine;
        this.grace = config.deadlineGrace();
        this.expired = meters.counter("rotor.scheduler.rotations.expired");
        this.incomplete = incomplete;
    }

    /**
     * Every instance releases in its own view; only the leader {@code announce}s, so that each release is published once.
     * Blocking: waits for Kafka's acknowledgements.
     */
    public void release(boolean announce) {
        for (ReleasedRotation released : ledger.releaseOverdue()) {
            expired.increment();
            engine.secretChanged(released.secretId());
            LOG.warnf("Rotation %s of %s has no terminal event by its deadline %s plus the grace %s: the scheduler released it (the"
                    + " secret is scheduled again and the rotation no longer counts against the concurrency limits). Look for %s in"
                    + " the rotator's log and on rotation.requested.dlq, and check the secret with ./rotor status %s; if the rotator"
                    + " still ends the rotation, its terminal event is recorded as usual", released.rotationId(), released.secretId(),
                    released.deadline(), grace, released.rotationId(), released.secretId());
            if (announce) {
                announce(released);
            }
        }
    }

    private void announce(ReleasedRotation released) {
        try {
            incomplete.sendAndAwait(Record.of(released.secretId(), RotationIncomplete.newBuilder()
                    .setEventId(EventIds.ofFinding(released.rotationId(), IncompletenessKind.NO_TERMINAL_BY_DEADLINE, false))
                    .setRotationId(released.rotationId())
                    .setSecretId(released.secretId())
                    .setDetectedAt(released.releasedAt().truncatedTo(ChronoUnit.MILLIS))
                    .setKind(IncompletenessKind.NO_TERMINAL_BY_DEADLINE)
                    .setDetail("No terminal event by the deadline " + released.deadline() + " plus the grace " + grace
                            + ": the scheduler released the rotation's slot after deadline + grace (its secret is scheduled again and"
                            + " it no longer counts against the concurrency limits). Only the rotator ends a rotation: check its log"
                            + " for this rotation id, and rotation.requested.dlq")
                    .setLastEventType(RotationRequested.class.getSimpleName())
                    .setLastEventAt(released.requestedAt().truncatedTo(ChronoUnit.MILLIS))
                    .setDeadline(released.deadline().truncatedTo(ChronoUnit.MILLIS))
                    .build()));
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not publish to rotation.incomplete that rotation %s of %s was released after its deadline; the release"
                    + " stands and is logged above. Check that Kafka is reachable", released.rotationId(), released.secretId());
        }
    }
}
