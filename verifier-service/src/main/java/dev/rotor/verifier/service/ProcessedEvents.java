package dev.rotor.verifier.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The SecretUpdated eventIds this process has handled, so that a redelivery is not verified twice.
 * Bounded and in memory: after an eviction or a restart the event is verified again, which is harmless
 * because the verdict is republished under the same deterministic eventId.
 */
@ApplicationScoped
class ProcessedEvents {

    private static final int CAPACITY = 10_000;

    private final Set<UUID> recent = Collections.newSetFromMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<UUID, Boolean> eldest) {
            return size() > CAPACITY;
        }
    });

    synchronized boolean contains(UUID eventId) {
        return recent.contains(eventId);
    }

    synchronized void add(UUID eventId) {
        recent.add(eventId);
    }
}
