package dev.rotor.verifier.service;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.rotor.verifier.config.VerifierConfig;
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

    private static final Logger LOG = Logger.getLogger(Verifier.class);

    private final LoginProbes probes;
    private final RetrySchedule schedule;

    @Inject
    Verifier(LoginProbes probes, VerifierConfig config) {
        this(probes, RetrySchedule.of(config.retry()));
    }

    Verifier(LoginProbes probes, RetrySchedule schedule) {
        this.probes = probes;
        this.schedule = schedule;
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
        for (int attempt = 1;; attempt++) {
            LoginResult result = probe.login(request.target(), credential);
            long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            if (result instanceof LoginResult.Accepted) {
                return new VerificationOutcome.Verified(probe.description(), attempt, elapsedMs);
            }
            LoginResult.Rejected rejected = (LoginResult.Rejected) result;
            if (!rejected.category().isTransient() || attempt >= schedule.attempts()) {
                return new VerificationOutcome.NotVerified(rejected.category(), rejected.detail(), probe.description(), attempt, elapsedMs);
            }
            Duration backoff = schedule.backoffAfter(attempt);
            LOG.infof("Rotation %s of secret %s: login attempt %d/%d failed (%s), retrying in %d ms: %s", request.rotationId(),
                    request.secretId(), attempt, schedule.attempts(), rejected.category(), backoff.toMillis(), rejected.detail());
            pause(backoff);
        }
    }

    private static void pause(Duration backoff) {
        try {
            Thread.sleep(backoff.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted between login attempts (the verifier is shutting down); the message"
                    + " is redelivered", e);
        }
    }
}
