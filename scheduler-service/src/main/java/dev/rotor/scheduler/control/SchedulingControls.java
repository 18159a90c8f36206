package dev.rotor.scheduler.control;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;
import org.jboss.logging.Logger;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.schema.ControlScope;
import dev.rotor.schema.ControlSource;
import dev.rotor.schema.SchedulingControl;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/**
 * Pauses and resumes of scheduled rotation, global, per class and per secret. The compacted topic
 * rotation.control is the state: every instance reads it from the start (its view), and a pause made
 * here is also applied at once, so that the next tick of this instance already honours it.
 */
@ApplicationScoped
public class SchedulingControls {

    private static final Logger LOG = Logger.getLogger(SchedulingControls.class);

    private final Clock clock;
    private final MutinyEmitter<Record<String, SchedulingControl>> controls;
    private final Map<String, Pause> pauses = new ConcurrentHashMap<>();

    SchedulingControls(Clock clock, @Channel(Channels.ROTATION_CONTROL_OUT) MutinyEmitter<Record<String, SchedulingControl>> controls) {
        this.clock = clock;
        this.controls = controls;
    }

    /** What stops scheduled rotations of this secret, the widest scope first: global, then its class, then the secret. */
    public Optional<Pause> pauseOf(String secretId, String secretClass) {
        return Optional.ofNullable(pauses.get(ControlKeys.GLOBAL))
                .or(() -> Optional.ofNullable(pauses.get(ControlKeys.of(ControlScope.SECRET_CLASS, secretClass))))
                .or(() -> Optional.ofNullable(pauses.get(ControlKeys.of(ControlScope.SECRET, secretId))));
    }

    /** The pause of exactly this scope, if any. */
    public Optional<Pause> pauseAt(ControlScope scope, String scopeName) {
        return Optional.ofNullable(pauses.get(ControlKeys.of(scope, scopeName)));
    }

    public List<Pause> pauses() {
        return pauses.values().stream().sorted(Comparator.comparing(Pause::scope).thenComparing(Pause::key)).toList();
    }

    /** Blocking: waits for Kafka's acknowledgement. Pausing what is paused replaces the pause (new initiator, reason, time). */
    public Pause pause(ControlScope scope, String scopeName, ControlSource source, String initiator, String reason) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String name = scope == ControlScope.GLOBAL ? null : scopeName;
        Pause pause = new Pause(scope, name, source, initiator, reason, now);
        publish(pause.key(), event(scope, name, true, source, initiator, reason, now));
        pauses.put(pause.key(), pause);
        LOG.infof("Paused: %s", pause.describe());
        return pause;
    }

    /** Blocking: waits for Kafka's acknowledgement. Published even when nothing is paused there, as a record of the decision. */
    public void resume(ControlScope scope, String scopeName, String initiator, String reason) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        String name = scope == ControlScope.GLOBAL ? null : scopeName;
        String key = ControlKeys.of(scope, name);
        publish(key, event(scope, name, false, ControlSource.OPERATOR, initiator, reason, now));
        pauses.remove(key);
        LOG.infof("Resumed %s by %s: %s", key, initiator, reason);
    }

    /** A pause or resume read from rotation.control, from this instance or another; a null value (tombstone) lifts the pause. */
    public void apply(String key, SchedulingControl event) {
        if (event == null || !event.getPaused()) {
            pauses.remove(key);
        } else {
            pauses.put(key, new Pause(event.getScope(), event.getScopeName(), event.getSource(), event.getInitiator(),
                    event.getReason(), event.getOccurredAt()));
        }
    }

    private void publish(String key, SchedulingControl event) {
        controls.sendAndAwait(Record.of(key, event));
    }

    private static SchedulingControl event(ControlScope scope, String scopeName, boolean paused, ControlSource source, String initiator,
            String reason, Instant at) {
        return SchedulingControl.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(at)
                .setScope(scope)
                .setScopeName(scopeName)
                .setPaused(paused)
                .setSource(source)
                .setInitiator(initiator)
                .setReason(reason)
                .build();
    }
}
