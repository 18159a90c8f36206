package dev.rotor.scheduler.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.config.SchedulerConfig;
import dev.rotor.scheduler.domain.RequestedRotation;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.scheduler.mapping.RotationMapping;
import dev.rotor.scheduler.schedule.RequestPublisher;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Requests rotations: on demand, and for the scheduling engine's decisions. The rotator is the authority on
 * whether one may start: a request while another is in flight is still published, and the rotator
 * answers it with RotationFailed(IN_PROGRESS).
 */
@ApplicationScoped
public class RotationService implements RequestPublisher {

    private final SecretRegistry registry;
    private final RotationLedger ledger;
    private final ViewProgress view;
    private final RequestMetrics metrics;
    private final SchedulerConfig config;
    private final Clock clock;
    private final MutinyEmitter<Record<String, RotationRequested>> requests;

    RotationService(SecretRegistry registry, RotationLedger ledger, ViewProgress view, RequestMetrics metrics, SchedulerConfig config,
            Clock clock, @Channel(Channels.ROTATION_REQUESTED_OUT) MutinyEmitter<Record<String, RotationRequested>> requests) {
        this.registry = registry;
        this.ledger = ledger;
        this.view = view;
        this.metrics = metrics;
        this.config = config;
        this.clock = clock;
        this.requests = requests;
    }

    /** Blocking: waits for Kafka's acknowledgement. */
    public RequestedRotation request(String secretId, RotationReason reason, String initiator) {
        return request(secretId, reason, initiator, null, null);
    }

    /**
     * As {@link #request(String, RotationReason, String)}, with the second person who approved it (null if none) and the
     * rotation id to use (null: a new random one), e.g. the id an emergency request was announced with before its approval.
     */
    public RequestedRotation request(String secretId, RotationReason reason, String initiator, String approvedBy, String rotationId) {
        if (registry.find(secretId).isEmpty()) {
            throw view.secretNotFound(secretId);
        }
        Optional<String> inFlight = ledger.activity(secretId).inFlightRotationId();
        String id = rotationId == null ? UUID.randomUUID().toString() : rotationId;
        return new RequestedRotation(publish(newRequest(id, secretId, reason, initiator, 1, approvedBy, null)), inFlight);
    }

    @Override
    public RotationRequest newRequest(String rotationId, String secretId, RotationReason reason, String initiator, int attempt,
            String approvedBy, String detail) {
        // Milliseconds, as the event carries them: the API's answer then shows exactly what was published.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        return new RotationRequest(rotationId, secretId, reason, initiator, now, now.plus(config.rotationDeadline()), attempt,
                approvedBy, detail, null);
    }

    /** Publishes a request and records it in the ledger. Blocking: waits for Kafka's acknowledgement. */
    @Override
    public RotationRequest publish(RotationRequest request) {
        requests.sendAndAwait(Record.of(request.secretId(), RotationMapping.toEvent(request)));
        // Recorded now rather than when read back, so that the next tick or request already sees it in flight.
        ledger.requested(request);
        metrics.rotationRequested(request.reason());
        return request;
    }
}
