package dev.rotor.verifier.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.verifier.domain.VerificationOutcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * rotor_verifications_total{outcome,category}, rotor_verification_duration_seconds{outcome} and
 * rotor_verifier_refused_events_total{reason}.
 */
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

    /** @param reason "unregistered" or the field of the event that its registration does not back */
    void refused(String reason) {
        Counter.builder("rotor.verifier.refused.events")
                .description("SecretUpdated events that their secret's registration does not back; dead-lettered, nothing read")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }
}
