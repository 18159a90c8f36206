package dev.rotor.verifier.service;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.verifier.domain.FailureCategory;
import dev.rotor.verifier.domain.LoginResult;
import dev.rotor.verifier.domain.StagedCredential;
import dev.rotor.verifier.domain.VerificationOutcome;
import dev.rotor.verifier.domain.VerificationRequest;
import dev.rotor.verifier.target.LoginProbe;
import dev.rotor.verifier.target.LoginProbes;

/** Decides whether a staged credential works: logs in with the target's probe, retrying what may be transient. */
@ApplicationScoped
class Verifier {

    static final String NO_PROBE = "none";

    private final LoginProbes probes;
    private final LoginRetry retry;

    Verifier(LoginProbes probes, LoginRetry retry) {
        this.probes = probes;
        this.retry = retry;
    }

    VerificationOutcome verify(VerificationRequest request, StagedCredential credential) {
        Optional<LoginProbe> probe = probes.forType(request.target().type());
        if (probe.isEmpty()) {
            return new VerificationOutcome.NotVerified(FailureCategory.OTHER, "no login probe for target type '"
                    + request.target().type() + "' (this verifier knows " + probes.types()
                    + "); register the secret with a supported target type", NO_PROBE, 0, 0);
        }
        return loginWithRetries(request, credential, probe.get());
    }

    private VerificationOutcome loginWithRetries(VerificationRequest request, StagedCredential credential, LoginProbe probe) {
        long start = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        String context = "Rotation " + request.rotationId() + " of secret " + request.secretId();
        try {
            retry.run(() -> {
                LoginResult result = probe.login(request.target(), credential);
                int attempt = attempts.incrementAndGet();
                if (result instanceof LoginResult.Rejected rejected) {
                    throw new LoginRetry.AttemptFailed(context, rejected, attempt);
                }
                return result;
            });
            return new VerificationOutcome.Verified(probe.description(), attempts.get(), elapsedMs(start));
        } catch (LoginRetry.AttemptFailed failed) {
            long elapsedMs = elapsedMs(start);
            return new VerificationOutcome.NotVerified(failed.rejected.category(), detail(request, failed, elapsedMs),
                    probe.description(), failed.attempt, elapsedMs);
        }
    }

    /** For a target that never answered, say so and what happens next: the scheduler rolls the rotation back. */
    private static String detail(VerificationRequest request, LoginRetry.AttemptFailed failed, long elapsedMs) {
        FailureCategory category = failed.rejected.category();
        if (category != FailureCategory.UNREACHABLE && category != FailureCategory.TIMEOUT) {
            return failed.rejected.detail();
        }
        return request.target().describe() + " did not answer for " + elapsedMs / 1000 + " s ("
                + failed.attempt + " login attempts, rotor.verifier.unreachable-budget); the rotation will be rolled back."
                + " Last error: " + failed.rejected.detail();
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
