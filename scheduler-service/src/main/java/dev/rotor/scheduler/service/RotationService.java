package dev.rotor.scheduler.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.config.SchedulerConfig;
import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.RequestedRotation;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.scheduler.domain.SecretActivity;
import dev.rotor.scheduler.mapping.RotationMapping;
import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Requests rotations, on demand and when a secret's cadence is up. The rotator is the authority on
 * whether one may start: a request while another is in flight is still published, and the rotator
 * answers it with RotationFailed(IN_PROGRESS).
 */
@ApplicationScoped
public class RotationService {

    private static final Logger LOG = Logger.getLogger(RotationService.class);
    private static final String SCHEDULER = RequestMetrics.SCHEDULER;

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
        if (registry.find(secretId).isEmpty()) {
            throw view.caughtUp() ? new UnknownSecretException(secretId) : new ViewNotReadyException(view.pendingDescription());
        }
        Optional<String> inFlight = ledger.activity(secretId).inFlightRotationId();
        return new RequestedRotation(publish(secretId, reason, initiator), inFlight);
    }

    /** One pass of the cadence loop: a SCHEDULED request for every secret that is due and has nothing in flight. */
    public void requestDue() {
        if (!view.caughtUp()) {
            LOG.debugf("Cadence check skipped: %s", view.pendingDescription());
            return;
        }
        Instant now = clock.instant();
        for (ManagedSecret secret : registry.all()) {
            SecretActivity activity = ledger.activity(secret.id());
            if (CadencePolicy.isDue(secret, activity, now)) {
                try {
                    RotationRequest request = publish(secret.id(), RotationReason.SCHEDULED, SCHEDULER);
                    LOG.infof("Requested scheduled rotation %s of %s: due since %s (cadence %s)", request.rotationId(), secret.id(),
                            CadencePolicy.dueAt(secret, activity), secret.cadence());
                } catch (RuntimeException e) {
                    // The next tick tries again; the other due secrets should not wait for this one.
                    LOG.errorf(e, "Could not publish the scheduled rotation of %s to rotation.requested; retrying at the next tick",
                            secret.id());
                }
            }
        }
    }

    private RotationRequest publish(String secretId, RotationReason reason, String initiator) {
        // Milliseconds, as the event carries them: the API's answer then shows exactly what was published.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        RotationRequest request = new RotationRequest(UUID.randomUUID().toString(), secretId, reason, initiator, now,
                now.plus(config.rotationDeadline()), 1);
        requests.sendAndAwait(Record.of(secretId, RotationMapping.toEvent(request)));
        // Recorded now rather than when read back, so that the next tick or request already sees it in flight.
        ledger.requested(request);
        metrics.rotationRequested(reason);
        return request;
    }
}
