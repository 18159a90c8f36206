package dev.rotor.contract;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

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
}
