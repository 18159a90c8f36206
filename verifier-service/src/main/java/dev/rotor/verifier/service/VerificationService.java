package dev.rotor.verifier.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.rotor.target.Credential;
import dev.rotor.target.LoginResult;
import dev.rotor.verifier.domain.Registration;
import dev.rotor.verifier.domain.VerificationOutcome;
import dev.rotor.verifier.domain.VerificationRequest;

/**
 * Step 5 of the rotation protocol: check the event against its secret's registration, read the staged credential,
 * log in with it, publish the verdict.
 */
@ApplicationScoped
public class VerificationService {

    private static final Logger LOG = Logger.getLogger(VerificationService.class);
    private static final String STAGING_CHECK = "read staging entry";
    private static final String REGISTRATION_LOOKUP = "read registration";

    private final Registrations registrations;
    private final RegistrationCheck check;
    private final StagingStore store;
    private final Verifier verifier;
    private final Failpoint failpoint;
    private final VerificationPublisher publisher;
    private final VerificationMetrics metrics;
    private final ProcessedEvents processed;

    VerificationService(Registrations registrations, RegistrationCheck check, StagingStore store, Verifier verifier,
            Failpoint failpoint, VerificationPublisher publisher, VerificationMetrics metrics, ProcessedEvents processed) {
        this.registrations = registrations;
        this.check = check;
        this.store = store;
        this.verifier = verifier;
        this.failpoint = failpoint;
        this.publisher = publisher;
        this.metrics = metrics;
        this.processed = processed;
    }

    /**
     * Verifies once per eventId in this process. The eventId is remembered only after the verdict is
     * published, so a failure on the way is retried rather than forgotten. Every failure to verify
     * that retrying did not fix ends in a verdict, so that the rotation ends (in a rollback).
     *
     * @throws SecretUpdatedRefused when the secret's registration does not back the event: nothing was read or tried
     */
    public void handle(VerificationRequest request) {
        boolean ran = processed.runOnce(request.eventId(), () -> verify(request).ifPresent(verdict -> {
            metrics.record(verdict);
            publisher.publish(request, verdict);
            log(request, verdict);
        }));
        if (!ran) {
            LOG.debugf("SecretUpdated %s of rotation %s already verified; ignoring the redelivery", request.eventId(),
                    request.rotationId());
        }
    }

    private Optional<VerificationOutcome> verify(VerificationRequest request) {
        Optional<Registration> registration;
        try {
            registration = registrations.of(request.secretId());
        } catch (RegistryUnavailable e) {
            // Nothing the unchecked event names is touched; the verdict only ends its rotation.
            return Optional.of(new VerificationOutcome.NotVerified(LoginResult.Status.OTHER, e.getMessage(), REGISTRATION_LOOKUP, 0,
                    e.elapsedMs()));
        }
        Optional<RegistrationCheck.Refusal> refusal = check.refusal(request, registration);
        if (refusal.isPresent()) {
            metrics.refused(refusal.get().reason());
            LOG.warnf("Rotation %s of secret %s: SecretUpdated %s refused (%s): %s; sent to secret.updated.dlq, no verdict",
                    request.rotationId(), request.secretId(), request.eventId(), refusal.get().reason(), refusal.get().detail());
            throw new SecretUpdatedRefused(request, refusal.get());
        }
        Optional<Credential> credential;
        try {
            credential = store.read(request.staging());
        } catch (StagingEntryInvalid | StagingReadRefused e) {
            return Optional.of(new VerificationOutcome.NotVerified(LoginResult.Status.OTHER, e.getMessage(), STAGING_CHECK, 0, 0));
        } catch (StagingStoreUnavailable e) {
            // No login was attempted; the reads are counted in the detail.
            return Optional.of(new VerificationOutcome.NotVerified(LoginResult.Status.OTHER, e.getMessage(), STAGING_CHECK, 0,
                    e.elapsedMs()));
        }
        if (credential.isEmpty()) {
            LOG.infof("Rotation %s of secret %s: staging entry %s is gone, so the rotation was already finished or rolled back;"
                    + " nothing to verify", request.rotationId(), request.secretId(), request.staging());
            return Optional.empty();
        }
        failpoint.duringVerification(request.rotationId());
        return Optional.of(verifier.verify(request, credential.get()));
    }

    private static void log(VerificationRequest request, VerificationOutcome outcome) {
        if (outcome instanceof VerificationOutcome.NotVerified failed) {
            LOG.warnf("Rotation %s of secret %s: staged credential NOT verified (%s after %d attempt(s)): %s", request.rotationId(),
                    request.secretId(), failed.category(), failed.attempts(), failed.detail());
        } else {
            LOG.infof("Rotation %s of secret %s: staged credential verified against %s (%d attempt(s), %d ms)", request.rotationId(),
                    request.secretId(), request.target().describe(), outcome.attempts(), outcome.durationMs());
        }
    }
}
