package dev.rotor.verifier.service;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import jakarta.enterprise.util.TypeLiteral;

import org.jboss.logging.Logger;

import io.smallrye.faulttolerance.api.TypedGuard;

/**
 * The resilience of an edge whose system may be down for a while (Vault, the broker behind secret.registry): every
 * failure of one kind is retried with exponential backoff and jitter until a time budget is spent. The system comes
 * back from a restart in seconds, so past 10 s between tries a longer pause only delays the verdict.
 */
public final class OutageRetry {

    private static final long FIRST_DELAY_MS = 500;
    private static final long MAX_DELAY_MS = 10_000;
    private static final long JITTER_MS = 250;

    private OutageRetry() {
    }

    /**
     * @param description the guard's name in the {@code ft_*} metrics ({@code method} label)
     * @param retryOn the failure that may pass; any other ends the call at once
     */
    public static <T> TypedGuard<T> guard(TypeLiteral<T> type, String description, Duration budget,
            Class<? extends Throwable> retryOn, Logger log) {
        long budgetMs = budget.toMillis();
        return TypedGuard.create(type)
                .withDescription(description)
                .withRetry()
                .maxRetries(-1)
                .maxDuration(budgetMs, ChronoUnit.MILLIS)
                .delay(FIRST_DELAY_MS, ChronoUnit.MILLIS)
                .jitter(JITTER_MS, ChronoUnit.MILLIS)
                .retryOn(retryOn)
                .beforeRetry(failure -> log.info(failure.getMessage() + "; retrying"))
                .withExponentialBackoff()
                .factor(2)
                // Fault Tolerance refuses a pause as long as the whole budget; half of it leaves room for a retry.
                .maxDelay(Math.min(MAX_DELAY_MS, budgetMs / 2), ChronoUnit.MILLIS)
                .done()
                .done()
                .build();
    }
}
