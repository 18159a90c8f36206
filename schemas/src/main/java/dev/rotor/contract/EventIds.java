package dev.rotor.contract;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import dev.rotor.schema.IncompletenessKind;

/**
 * Event ids for the steps of a rotation. A step happens at most once per rotation, so its id is
 * derived from the rotation and the event type: a step repeated after a crash or a redelivery
 * republishes the same eventId, and consumers that deduplicate by eventId see it once.
 */
public final class EventIds {

    private EventIds() {
    }

    public static UUID of(String rotationId, Class<?> eventType) {
        return UUID.nameUUIDFromBytes((rotationId + "/" + eventType.getSimpleName()).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A RotationIncomplete finding's id: the same fact (this rotation, this kind, raised or resolved) has the same id
     * whoever publishes it — the audit, or the scheduler releasing an overdue rotation — and however often a replay
     * repeats it, so that a SIEM deduplicating by eventId sees it once.
     */
    public static UUID ofFinding(String rotationId, IncompletenessKind kind, boolean resolved) {
        return UUID.nameUUIDFromBytes((rotationId + "|" + kind.name() + "|" + resolved).getBytes(StandardCharsets.UTF_8));
    }
}
