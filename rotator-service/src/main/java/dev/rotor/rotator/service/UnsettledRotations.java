package dev.rotor.rotator.service;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Requests given up while the store could not say what they had done — a Vault outage longer than the retry budget:
 * the stage write may or may not have landed, so neither a RotationFailed nor silence is safe yet. The request's
 * record is committed, so they are held here until the store answers and the deadline reaper settles each
 * (RotationService#settle). In memory and bounded: a crash loses them, as it loses nothing else, because a
 * crash before the commit means the request is read again.
 */
@ApplicationScoped
class UnsettledRotations {

    /** At most this many; past it the oldest is forgotten, with a warning that names it. */
    static final int BOUND = 10_000;

    private static final Logger LOG = Logger.getLogger(UnsettledRotations.class);

    /** Rotation id -> secret id, oldest first. */
    private final Map<String, String> secretOf = new LinkedHashMap<>();

    synchronized void add(String secretId, String rotationId) {
        secretOf.put(rotationId, secretId);
        if (secretOf.size() > BOUND) {
            Iterator<Map.Entry<String, String>> oldest = secretOf.entrySet().iterator();
            Map.Entry<String, String> forgotten = oldest.next();
            oldest.remove();
            LOG.warnf("More than %d rotations wait for the store to answer; rotation %s of %s is forgotten: the scheduler closes it"
                    + " after its deadline and grace", BOUND, forgotten.getKey(), forgotten.getValue());
        }
    }

    synchronized Map<String, String> snapshot() {
        return Map.copyOf(secretOf);
    }

    synchronized void settled(String rotationId) {
        secretOf.remove(rotationId);
    }
}
