package dev.rotor.scheduler.schedule;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;

/**
 * rotor_scheduler_circuit_open{class} (1 while the class is paused by its breaker) and
 * rotor_scheduler_secret_auto_paused{secret_id} (1 while a secret is paused after repeated failures)
 * with rotor_scheduler_auto_pauses_total: what alerts watch. A secret label is bounded by the secrets
 * that failed repeatedly, not by all of them.
 */
public class EngineMetrics {

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> breakers = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> autoPaused = new ConcurrentHashMap<>();

    public EngineMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void breakerOpen(String secretClass, boolean open) {
        breakers.computeIfAbsent(secretClass, c -> registry.gauge("rotor.scheduler.circuit.open",
                Tags.of("class", c), new AtomicInteger())).set(open ? 1 : 0);
    }

    Set<String> classesWithBreakerGauge() {
        return Set.copyOf(breakers.keySet());
    }

    void autoPaused(String secretId, boolean paused) {
        if (paused) {
            registry.counter("rotor.scheduler.auto.pauses").increment();
        } else if (!autoPaused.containsKey(secretId)) {
            return;
        }
        autoPaused.computeIfAbsent(secretId, id -> registry.gauge("rotor.scheduler.secret.auto.paused",
                Tags.of("secret_id", id), new AtomicInteger())).set(paused ? 1 : 0);
    }
}
