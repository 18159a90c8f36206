package dev.rotor.rotator.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.rotor.rotator.catalog.SecretCatalog;
import dev.rotor.rotator.config.RotatorConfig.PausePoint;
import dev.rotor.rotator.domain.Credential;
import dev.rotor.rotator.domain.FinishedRotation;
import dev.rotor.rotator.domain.FinishedRotation.Outcome;
import dev.rotor.rotator.domain.LoginResult;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.domain.StagingEntry;
import dev.rotor.rotator.domain.StoreEntry;
import dev.rotor.rotator.mapping.EventFactory;
import dev.rotor.rotator.store.CredentialStore;
import dev.rotor.rotator.store.StoreConflict;
import dev.rotor.rotator.target.CredentialTarget;
import dev.rotor.rotator.target.TargetException;
import dev.rotor.schema.RotationFailureReason;

/**
 * The rotation protocol (design section 3). Every step decides from facts — what the store holds
 * and which credential the target accepts — never from memory, so that a redelivered event or a
 * restart after a crash at any step continues the rotation instead of repeating or forking it.
 */
@ApplicationScoped
public class RotationService {

    private static final Logger LOG = Logger.getLogger(RotationService.class);

    private final SecretCatalog catalog;
    private final CredentialStore store;
    private final Targets targets;
    private final PasswordGenerator passwords;
    private final EventFactory events;
    private final EventPublisher publisher;
    private final SecretLocks locks;
    private final Failpoint failpoint;
    private final RotationMetrics metrics;

    RotationService(SecretCatalog catalog, CredentialStore store, Targets targets, PasswordGenerator passwords, EventFactory events,
            EventPublisher publisher, SecretLocks locks, Failpoint failpoint, RotationMetrics metrics) {
        this.catalog = catalog;
        this.store = store;
        this.targets = targets;
        this.passwords = passwords;
        this.events = events;
        this.publisher = publisher;
        this.locks = locks;
        this.failpoint = failpoint;
        this.metrics = metrics;
    }

    /** Steps 1-4: pre-check, stage, set, announce. */
    public void requested(String secretId, String rotationId) {
        locks.run(secretId, () -> {
            Optional<ManagedSecret> registered = catalog.find(secretId);
            if (registered.isEmpty()) {
                fail(secretId, rotationId, RotationFailureReason.NOT_FOUND, "secret " + secretId
                        + " is not registered: register it with POST /api/secrets on the scheduler, then request the rotation again", false);
                return;
            }
            ManagedSecret secret = registered.get();
            if (alreadyFinished(secret, rotationId)) {
                LOG.infof("rotation %s of %s has already ended; ignoring the repeated request", rotationId, secretId);
                return;
            }
            Optional<StagingEntry> staging = store.staging(secret);
            if (staging.isPresent()) {
                if (staging.get().rotationId().equals(rotationId)) {
                    LOG.infof("rotation %s of %s was staged before a restart; setting the target again", rotationId, secretId);
                    setAndAnnounce(secret, staging.get(), admin(secret));
                } else {
                    fail(secretId, rotationId, RotationFailureReason.IN_PROGRESS, "rotation " + staging.get().rotationId()
                            + " of " + secretId + " is in flight: wait for it to end, or roll it back, then request again", true);
                }
                return;
            }
            startNew(secret, rotationId);
        });
    }

    /** Step 6: promote the verified credential. */
    public void verified(String secretId, String rotationId) {
        locks.run(secretId, () -> {
            Optional<ManagedSecret> registered = catalog.find(secretId);
            if (registered.isEmpty()) {
                LOG.warnf("verification of rotation %s for unregistered secret %s ignored", rotationId, secretId);
                return;
            }
            ManagedSecret secret = registered.get();
            Optional<StagingEntry> staging = store.staging(secret).filter(s -> s.rotationId().equals(rotationId));
            if (staging.isEmpty()) {
                republishCompletionIfPromoted(secret, rotationId);
                return;
            }
            promote(secret, staging.get());
        });
    }

    /** Step 7: put the previous credential back, check it, drop the staged one. */
    public void rollback(String secretId, String rotationId, String cause) {
        locks.run(secretId, () -> {
            Optional<ManagedSecret> registered = catalog.find(secretId);
            if (registered.isEmpty()) {
                LOG.warnf("rollback of rotation %s for unregistered secret %s ignored", rotationId, secretId);
                return;
            }
            ManagedSecret secret = registered.get();
            Optional<StagingEntry> staging = store.staging(secret).filter(s -> s.rotationId().equals(rotationId));
            Optional<FinishedRotation> finished = store.lastFinished(secret).filter(f -> f.rotationId().equals(rotationId));
            if (finished.isPresent()) {
                republishRollbackEnd(secret, finished.get(), cause);
            } else if (staging.isEmpty()) {
                LOG.warnf("rollback of rotation %s of %s ignored: it is not in flight", rotationId, secretId);
            } else {
                restorePrevious(secret, staging.get(), cause);
            }
        });
    }

    private void startNew(ManagedSecret secret, String rotationId) {
        String secretId = secret.secretId();
        Optional<StoreEntry> current = store.current(secret);
        if (current.isEmpty()) {
            fail(secretId, rotationId, RotationFailureReason.NOT_FOUND, "store entry " + secret.mount() + "/" + secret.path()
                    + " of " + secretId + " does not exist: write the current credential there first", false);
            return;
        }
        Optional<Credential> admin = store.admin(secret);
        if (admin.isEmpty()) {
            fail(secretId, rotationId, RotationFailureReason.NOT_FOUND, "admin entry " + secret.mount() + "/" + secret.target().adminPath()
                    + " of " + secretId + " does not exist: write the admin credential there first", false);
            return;
        }
        CredentialTarget target = targets.of(secret);
        LoginResult precheck = metrics.timed("precheck", () -> target.login(secret.target(), current.get().credential()));
        if (precheck.status() == LoginResult.Status.UNREACHABLE) {
            fail(secretId, rotationId, RotationFailureReason.TARGET_UNREACHABLE, precheck.detail() + "; nothing was changed", true);
            return;
        }
        if (precheck.status() == LoginResult.Status.REJECTED) {
            fail(secretId, rotationId, RotationFailureReason.DRIFT, "the stored credential of " + secretId + " no longer logs in to "
                    + secret.target().describe() + ": it was changed outside Rotor; put the working credential in "
                    + secret.mount() + "/" + secret.path() + ", then rotate", false);
            return;
        }
        StagingEntry staging = new StagingEntry(rotationId, current.get().version(),
                new Credential(current.get().credential().username(), passwords.generate()));
        try {
            metrics.timed("stage", () -> store.stage(secret, staging));
        } catch (StoreConflict e) {
            fail(secretId, rotationId, RotationFailureReason.IN_PROGRESS, "another rotation of " + secretId
                    + " staged first: wait for it to end, then request again", true);
            return;
        }
        failpoint.reached(PausePoint.AFTER_STAGE, rotationId);
        setAndAnnounce(secret, staging, admin.get());
    }

    private void setAndAnnounce(ManagedSecret secret, StagingEntry staging, Credential admin) {
        CredentialTarget target = targets.of(secret);
        try {
            metrics.timed("set", () -> target.setPassword(secret.target(), admin, staging.credential().password()));
        } catch (TargetException e) {
            // Whether the change landed is a fact to check, not to assume.
            if (!target.login(secret.target(), staging.credential()).isAccepted()) {
                store.dropStaging(secret);
                fail(secret.secretId(), staging.rotationId(), RotationFailureReason.OTHER, e.getMessage() + "; nothing was changed", true);
                return;
            }
        }
        failpoint.reached(PausePoint.AFTER_SET, staging.rotationId());
        publisher.publish(events.secretUpdated(secret, staging.rotationId(), store.stagingPath(secret), staging.previousVersion()));
    }

    private void promote(ManagedSecret secret, StagingEntry staging) {
        failpoint.reached(PausePoint.BEFORE_PROMOTE, staging.rotationId());
        try {
            metrics.timed("promote", () -> store.promote(secret, staging));
        } catch (StoreConflict e) {
            boolean promotedBefore = store.current(secret).map(c -> staging.rotationId().equals(c.rotationId())).orElse(false);
            if (!promotedBefore) {
                // Someone wrote the store during the rotation: the target must go back to what the store holds.
                restorePrevious(secret, staging, "the store entry changed during the rotation (" + e.getMessage() + ")");
                return;
            }
        }
        store.recordFinished(secret, new FinishedRotation(staging.rotationId(), Outcome.COMPLETED));
        store.dropStaging(secret);
        publisher.publish(events.completed(secret.secretId(), staging.rotationId(), staging.previousVersion() + 1, staging.previousVersion()));
        metrics.ended("completed");
    }

    private void restorePrevious(ManagedSecret secret, StagingEntry staging, String cause) {
        String secretId = secret.secretId();
        CredentialTarget target = targets.of(secret);
        StoreEntry current = store.current(secret).orElseThrow(() -> new IllegalStateException("store entry " + secret.mount()
                + "/" + secret.path() + " of " + secretId + " disappeared during rotation " + staging.rotationId()));
        try {
            metrics.timed("rollback", () -> target.setPassword(secret.target(), admin(secret), current.credential().password()));
        } catch (TargetException e) {
            rollbackFailed(secret, staging, cause, e.getMessage());
            return;
        }
        LoginResult check = target.login(secret.target(), current.credential());
        if (!check.isAccepted()) {
            rollbackFailed(secret, staging, cause, "the restored credential does not log in: " + check.detail());
            return;
        }
        store.recordFinished(secret, new FinishedRotation(staging.rotationId(), Outcome.ROLLED_BACK));
        store.dropStaging(secret);
        publisher.publish(events.rolledBack(secretId, staging.rotationId(), cause, current.version()));
        metrics.ended("rolled_back");
    }

    private void rollbackFailed(ManagedSecret secret, StagingEntry staging, String cause, String why) {
        // The staging entry stays: it pauses the secret (every new request ends IN_PROGRESS) until a person acts.
        store.recordFinished(secret, new FinishedRotation(staging.rotationId(), Outcome.ROLLBACK_FAILED));
        publisher.publish(events.rollbackFailed(secret.secretId(), staging.rotationId(), cause, why
                + "; the secret is paused: restore the credential in " + secret.mount() + "/" + secret.path() + " on "
                + secret.target().describe() + " by hand, then delete " + secret.mount() + "/" + store.stagingPath(secret)));
        metrics.ended("rollback_failed");
    }

    private void republishCompletionIfPromoted(ManagedSecret secret, String rotationId) {
        Optional<StoreEntry> current = store.current(secret).filter(c -> rotationId.equals(c.rotationId()));
        if (current.isPresent()) {
            int version = current.get().version();
            publisher.publish(events.completed(secret.secretId(), rotationId, version, version - 1));
        } else {
            LOG.infof("verification of rotation %s of %s ignored: it is not in flight", rotationId, secret.secretId());
        }
    }

    private void republishRollbackEnd(ManagedSecret secret, FinishedRotation finished, String cause) {
        switch (finished.outcome()) {
            case ROLLED_BACK -> publisher.publish(events.rolledBack(secret.secretId(), finished.rotationId(), cause,
                    store.current(secret).map(StoreEntry::version).orElse(null)));
            case ROLLBACK_FAILED -> publisher.publish(events.rollbackFailed(secret.secretId(), finished.rotationId(), cause,
                    "the rollback failed before; the secret stays paused until a person restores it"));
            case COMPLETED -> LOG.warnf("rollback of rotation %s of %s ignored: it completed; request a new rotation instead",
                    finished.rotationId(), secret.secretId());
        }
    }

    private boolean alreadyFinished(ManagedSecret secret, String rotationId) {
        return store.lastFinished(secret).map(f -> f.rotationId().equals(rotationId)).orElse(false);
    }

    private Credential admin(ManagedSecret secret) {
        return store.admin(secret).orElseThrow(() -> new IllegalStateException("admin entry " + secret.mount() + "/"
                + secret.target().adminPath() + " of " + secret.secretId() + " is missing: write the admin credential there"));
    }

    private void fail(String secretId, String rotationId, RotationFailureReason reason, String detail, boolean retryable) {
        publisher.publish(events.failed(secretId, rotationId, reason, detail, retryable));
        metrics.ended("failed");
    }
}
