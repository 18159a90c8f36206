package dev.rotor.scheduler.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.config.SchedulerConfig.PausePoint;
import dev.rotor.scheduler.domain.RequestedRollback;
import dev.rotor.scheduler.domain.RollbackRequest;
import dev.rotor.scheduler.mapping.RotationMapping;
import dev.rotor.schema.RollbackRequested;
import dev.rotor.schema.VerificationFailureCategory;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Requests rollbacks: for a failed verification, and for an operator. A rotation is rolled back at
 * most once, so its RollbackRequested has a fixed event id and this scheduler publishes it once; a
 * redelivery after a crash republishes the same id, which the rotator deduplicates.
 */
@ApplicationScoped
public class RollbackService {

    private static final Logger LOG = Logger.getLogger(RollbackService.class);
    static final Duration REMEMBER_PUBLISHED = Duration.ofHours(1);

    private final RotationLedger ledger;
    private final ViewProgress view;
    private final RequestMetrics metrics;
    private final Clock clock;
    private final Failpoint failpoint;
    private final MutinyEmitter<Record<String, RollbackRequested>> rollbacks;
    /**
     * The rollbacks this instance published lately, event id -> when. Bounded by age: a redelivered VerificationFailed or a
     * repeated operator request comes within minutes, and one that comes later is deduplicated by the rotator (same event id).
     */
    private final Map<UUID, Instant> published = new ConcurrentHashMap<>();

    RollbackService(RotationLedger ledger, ViewProgress view, RequestMetrics metrics, Clock clock, Failpoint failpoint,
            @Channel(Channels.ROLLBACK_REQUESTED) MutinyEmitter<Record<String, RollbackRequested>> rollbacks) {
        this.ledger = ledger;
        this.view = view;
        this.metrics = metrics;
        this.clock = clock;
        this.failpoint = failpoint;
        this.rollbacks = rollbacks;
    }

    /** An operator's rollback of the secret's rotation in flight. Blocking: waits for Kafka's acknowledgement. */
    public RequestedRollback rollback(String secretId, String cause, String initiator) {
        String rotationId = ledger.activity(secretId).inFlightRotationId().orElseThrow(() -> view.caughtUp()
                ? new NothingInFlightException(secretId)
                : new ViewNotReadyException(view.pendingDescription()));
        return publishOnce(new RollbackRequest(rotationId, secretId, cause, initiator, clock.instant()));
    }

    /**
     * The staged credential did not work: undo the rotation. Blocking. A crash before the publish leaves the record
     * uncommitted: its redelivery (here or on another instance) publishes the same event id.
     */
    public RequestedRollback verificationFailed(String rotationId, String secretId, VerificationFailureCategory category, String detail) {
        failpoint.reached(PausePoint.BEFORE_ROLLBACK_REQUEST, rotationId);
        return publishOnce(new RollbackRequest(rotationId, secretId, "verification failed: " + category + ": " + detail,
                RequestMetrics.SCHEDULER, clock.instant()));
    }

    private RequestedRollback publishOnce(RollbackRequest request) {
        UUID eventId = RotationMapping.rollbackEventId(request.rotationId());
        Instant now = clock.instant();
        published.values().removeIf(at -> at.isBefore(now.minus(REMEMBER_PUBLISHED)));
        if (published.putIfAbsent(eventId, now) != null) {
            LOG.infof("Rollback of rotation %s of %s was already requested; not publishing it again", request.rotationId(),
                    request.secretId());
            return new RequestedRollback(request.rotationId(), request.secretId(), eventId, true);
        }
        try {
            rollbacks.sendAndAwait(Record.of(request.secretId(), RotationMapping.toEvent(request)));
        } catch (RuntimeException e) {
            published.remove(eventId);
            throw e;
        }
        metrics.rollbackRequested(request.initiator());
        LOG.infof("Requested rollback of rotation %s of %s by %s: %s", request.rotationId(), request.secretId(), request.initiator(),
                request.cause());
        return new RequestedRollback(request.rotationId(), request.secretId(), eventId, false);
    }
}
