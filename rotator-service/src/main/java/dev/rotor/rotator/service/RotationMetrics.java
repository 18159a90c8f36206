package dev.rotor.rotator.service;

import java.time.Duration;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** {@code rotor_rotations_total{outcome}} and {@code rotor_rotation_step_duration_seconds{step}}; no label carries a value. */
@ApplicationScoped
public class RotationMetrics {

    private final MeterRegistry registry;

    RotationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void ended(String outcome) {
        Counter.builder("rotor_rotations_total")
                .description("Rotations that reached a terminal event, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    /** A step that kept failing past its retry budget, or failed for good, and was handed to its end-from-facts. */
    void abandoned(String step) {
        Counter.builder("rotor_rotation_steps_abandoned_total")
                .description("Steps that gave up retrying; the rotation then ends from facts or by its deadline")
                .tag("step", step)
                .register(registry)
                .increment();
    }

    /** A rotation the deadline reaper ended. */
    void expired() {
        Counter.builder("rotor_rotations_expired_total")
                .description("Rotations still in flight past their deadline, ended by the deadline reaper")
                .register(registry)
                .increment();
    }

    <T> T timed(String step, Supplier<T> work) {
        return Timer.builder("rotor_rotation_step_duration_seconds")
                .description("Time per step of the rotation protocol")
                .tag("step", step)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry)
                .record(work);
    }

    void timed(String step, Runnable work) {
        timed(step, () -> {
            work.run();
            return null;
        });
    }
}
