package dev.rotor.scheduler.schedule;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import dev.rotor.scheduler.policy.Limits;

/** Rotations in flight, over all secrets, per class and per target host, against the limits; grows as a tick starts more. */
final class Capacity {

    private final Limits limits;
    private int global;
    private final Map<String, Integer> byClass = new HashMap<>();
    private final Map<String, Integer> byHost = new HashMap<>();

    Capacity(Limits limits) {
        this.limits = limits;
    }

    void add(String secretClass, String host) {
        global++;
        byClass.merge(secretClass, 1, Integer::sum);
        byHost.merge(host, 1, Integer::sum);
    }

    /** Which limit a further rotation of this class and host would exceed, in words; empty if none. */
    Optional<String> exceeded(String secretClass, String host, int classMax) {
        if (global >= limits.global()) {
            return Optional.of("global limit: " + global + " of " + limits.global() + " rotations in flight");
        }
        int ofClass = byClass.getOrDefault(secretClass, 0);
        if (ofClass >= classMax) {
            return Optional.of("class " + secretClass + " limit: " + ofClass + " of " + classMax + " in flight");
        }
        int onHost = byHost.getOrDefault(host, 0);
        if (onHost >= limits.perTargetHost()) {
            return Optional.of("target host " + host + " limit: " + onHost + " of " + limits.perTargetHost() + " in flight");
        }
        return Optional.empty();
    }
}
