package dev.rotor.verifier.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.verifier.domain.VerificationOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/** rotor_verifications_total{outcome,category} and rotor_verification_duration_seconds{outcome}. */
@ApplicationScoped
class VerificationMetrics {

    private final MeterRegistry registry;

    VerificationMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void record(VerificationOutcome outcome) {
        String result = outcome instanceof VerificationOutcome.Verified ? "succeeded" : "failed";
        // Prometheus wants the same label names on every series of a metric: a success has category "none".
        String category = outcome instanceof VerificationOutcome.NotVerified failed ? failed.category().name() : "none";
        Counter.builder("rotor.verifications")
                .description("Verifications of staged credentials, by verdict")
                .tag("outcome", result)
                .tag("category", category)
                .register(registry)
                .increment();
        Timer.builder("rotor.verification.duration")
                .description("From the first login attempt to the verdict, backoff included")
                .tag("outcome", result)
                .publishPercentileHistogram()
                .register(registry)
                .record(Duration.ofMillis(outcome.durationMs()));
    }
}
