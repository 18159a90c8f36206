package dev.rotor.verifier.service;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

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

    private final ConcurrentHashMap<UUID, Object> inFlight = new ConcurrentHashMap<>();

    /**
     * Runs {@code work} for an event unless it already ran to the end. Deliveries of one event are
     * handled in parallel with other events, so a second delivery waits for the first and then skips;
     * if the first failed, the second runs it again.
     *
     * @return whether the work ran
     */
    boolean runOnce(UUID eventId, Runnable work) {
        Object lock = inFlight.computeIfAbsent(eventId, id -> new Object());
        synchronized (lock) {
            try {
                if (contains(eventId)) {
                    return false;
                }
                work.run();
                add(eventId);
                return true;
            } finally {
                inFlight.remove(eventId, lock);
            }
        }
    }

    private synchronized boolean contains(UUID eventId) {
        return recent.contains(eventId);
    }

    private synchronized void add(UUID eventId) {
        recent.add(eventId);
    }
}
