package dev.rotor.verifier.service;

import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.rotor.target.LoginResult;
import dev.rotor.verifier.config.VerifierConfig;
import io.smallrye.faulttolerance.api.TypedGuard;

/**
 * The resilience of the login edge, in SmallRye Fault Tolerance: exponential backoff with jitter.
 * A refused login (AUTH_FAILED) is retried up to {@code rotor.verifier.retry.attempts} logins, for
 * propagation delay; a target that does not answer (UNREACHABLE, TIMEOUT) is retried for
 * {@code rotor.verifier.unreachable-budget}, so that a restart of the target does not become a
 * rollback. PERMISSION and OTHER are never retried.
 */
@ApplicationScoped
class LoginRetry {

    private static final Logger LOG = Logger.getLogger(LoginRetry.class);

    private final TypedGuard<LoginResult> guard;

    @Inject
    LoginRetry(VerifierConfig config) {
        VerifierConfig.Retry retry = config.retry();
        int refusedAttempts = retry.attempts();
        long budgetMs = config.unreachableBudget().toMillis();
        this.guard = TypedGuard.create(LoginResult.class)
                .withDescription("target-login")
                .withRetry()
                .maxRetries(-1)
                .maxDuration(budgetMs, ChronoUnit.MILLIS)
                .delay(retry.initialBackoff().toMillis(), ChronoUnit.MILLIS)
                .jitter(retry.jitter().toMillis(), ChronoUnit.MILLIS)
                .whenException(failure -> failure instanceof AttemptFailed failed && failed.worthRetrying(refusedAttempts))
                .beforeRetry(failure -> LOG.info(failure.getMessage() + "; retrying"))
                .withExponentialBackoff()
                .factor(2)
                // Fault Tolerance refuses a pause as long as the whole budget; half of it leaves room for a retry.
                .maxDelay(Math.min(retry.maxBackoff().toMillis(), budgetMs / 2), ChronoUnit.MILLIS)
                .done()
                .done()
                .build();
    }

    /**
     * @param login one login; it throws {@link AttemptFailed} for a rejection that may pass
     * @throws AttemptFailed the last rejection, once retrying is over
     */
    LoginResult run(Supplier<LoginResult> login) {
        return guard.get(login);
    }

    /** One login's rejection, as an exception because that is what a retry policy reacts to. */
    static final class AttemptFailed extends RuntimeException {

        final LoginResult result;
        final int attempt;

        /** @param context who logs in where, for the log line between attempts; never a value */
        AttemptFailed(String context, LoginResult result, int attempt) {
            // No stack trace: this is an answer of the target, not a fault of the verifier.
            super(context + ": login attempt " + attempt + " failed (" + result.status() + "): " + result.detail(),
                    null, false, false);
            this.result = result;
            this.attempt = attempt;
        }

        boolean worthRetrying(int refusedAttempts) {
            return result.status().isTransient()
                    && (result.status() != LoginResult.Status.AUTH_FAILED || attempt < refusedAttempts);
        }
    }
}
