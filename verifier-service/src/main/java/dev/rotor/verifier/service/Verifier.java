package dev.rotor.verifier.service;

import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.target.Credential;
import dev.rotor.target.LoginResult;
import dev.rotor.target.Strategy;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetKinds;
import dev.rotor.verifier.domain.VerificationOutcome;
import dev.rotor.verifier.domain.VerificationRequest;

/** Decides whether a staged credential works: logs in through the target's kind, retrying what may be transient. */
@ApplicationScoped
class Verifier {

    static final String NO_KIND = "none";

    private final TargetKinds kinds;
    private final LoginRetry retry;

    Verifier(TargetKinds kinds, LoginRetry retry) {
        this.kinds = kinds;
        this.retry = retry;
    }

    VerificationOutcome verify(VerificationRequest request, Credential credential) {
        Optional<TargetKind> kind = kinds.of(request.target().type());
        if (kind.isEmpty()) {
            return new VerificationOutcome.NotVerified(LoginResult.Status.OTHER, "no target kind '" + request.target().type()
                    + "' in this verifier (it knows " + kinds.types() + "); register the secret with a supported target type",
                    NO_KIND, 0, 0);
        }
        if (!Strategy.isAccountOf(request.target(), credential.username())) {
            return new VerificationOutcome.NotVerified(LoginResult.Status.OTHER, "the staging entry holds a credential for user '"
                    + credential.username() + "', which is not an account of " + request.target().describe()
                    + ": check what the rotator staged", kind.get().loginCheck(), 0, 0);
        }
        return loginWithRetries(request, credential, kind.get());
    }

    private VerificationOutcome loginWithRetries(VerificationRequest request, Credential credential, TargetKind kind) {
        long start = System.nanoTime();
        AtomicInteger attempts = new AtomicInteger();
        String context = "Rotation " + request.rotationId() + " of secret " + request.secretId();
        try {
            retry.run(() -> {
                LoginResult result = kind.login(request.target(), credential);
                int attempt = attempts.incrementAndGet();
                if (!result.isAccepted()) {
                    throw new LoginRetry.AttemptFailed(context, result, attempt);
                }
                return result;
            });
            return new VerificationOutcome.Verified(kind.loginCheck(), attempts.get(), elapsedMs(start));
        } catch (LoginRetry.AttemptFailed failed) {
            long elapsedMs = elapsedMs(start);
            return new VerificationOutcome.NotVerified(failed.result.status(), detail(request, failed, elapsedMs),
                    kind.loginCheck(), failed.attempt, elapsedMs);
        }
    }

    /** For a target that never answered, say so and what happens next: the scheduler rolls the rotation back. */
    private static String detail(VerificationRequest request, LoginRetry.AttemptFailed failed, long elapsedMs) {
        if (!failed.result.noAnswer()) {
            return failed.result.detail();
        }
        return request.target().describe() + " did not answer for " + elapsedMs / 1000 + " s ("
                + failed.attempt + " login attempts, rotor.verifier.unreachable-budget); the rotation will be rolled back."
                + " Last error: " + failed.result.detail();
    }

    private static long elapsedMs(long start) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }
}
