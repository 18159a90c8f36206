package dev.rotor.rotator.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.rotor.rotator.catalog.SecretCatalog;
import dev.rotor.rotator.config.RotatorConfig.PausePoint;
import dev.rotor.rotator.domain.FinishedRotation;
import dev.rotor.rotator.domain.FinishedRotation.Outcome;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.domain.StagingEntry;
import dev.rotor.rotator.domain.StoreEntry;
import dev.rotor.rotator.fault.TargetUnreachable;
import dev.rotor.rotator.fault.TransientFailure;
import dev.rotor.rotator.lease.SecretLeases;
import dev.rotor.rotator.mapping.EventFactory;
import dev.rotor.rotator.store.CredentialStore;
import dev.rotor.rotator.store.StoreConflict;
import dev.rotor.rotator.store.StoreRefused;
import dev.rotor.schema.RotationFailureReason;
import dev.rotor.target.Credential;
import dev.rotor.target.LoginResult;
import dev.rotor.target.TargetRefused;

/**
 * The rotation protocol (design section 3). Every step decides from facts — what the store holds
 * and which credential the target accepts — never from memory, so that a redelivered event, a retry
 * or a restart after a crash at any step continues the rotation instead of repeating or forking it.
 *
 * <p>Each call is one attempt, made while holding the secret's lease. A failure that can pass is
 * thrown as a {@link TransientFailure} for {@link RotationSteps} to retry; an outcome that is decided
 * is recorded in the secret's metadata before the staging entry is dropped and the terminal event
 * published, so a repeated step publishes the same terminal again (same eventId), never another one.
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
    private final SecretLeases leases;
    private final Failpoint failpoint;
    private final RotationMetrics metrics;
    private final UnsettledRotations unsettled;
    private final Clock clock;

    @Inject
    RotationService(SecretCatalog catalog, CredentialStore store, Targets targets, PasswordGenerator passwords, EventFactory events,
            EventPublisher publisher, SecretLeases leases, Failpoint failpoint, RotationMetrics metrics, UnsettledRotations unsettled) {
        this(catalog, store, targets, passwords, events, publisher, leases, failpoint, metrics, unsettled, Clock.systemUTC());
    }

    RotationService(SecretCatalog catalog, CredentialStore store, Targets targets, PasswordGenerator passwords, EventFactory events,
            EventPublisher publisher, SecretLeases leases, Failpoint failpoint, RotationMetrics metrics, UnsettledRotations unsettled,
            Clock clock) {
        this.catalog = catalog;
        this.store = store;
        this.targets = targets;
        this.passwords = passwords;
        this.events = events;
        this.publisher = publisher;
        this.leases = leases;
        this.failpoint = failpoint;
        this.metrics = metrics;
        this.unsettled = unsettled;
        this.clock = clock;
    }

    /**
     * Steps 1-4: pre-check, stage, set, announce. The staged credential is a new password, or, for a REVERT, the
     * credential of store version {@code revertTo}: verified and promoted as a new version like any other.
     */
    public void requested(String secretId, String rotationId, Instant deadline, Optional<Integer> revertTo) {
        Optional<ManagedSecret> registered = catalog.find(secretId);
        if (registered.isEmpty()) {
            fail(secretId, rotationId, RotationFailureReason.NOT_FOUND, "secret " + secretId
                    + " is not registered: register it with POST /api/secrets on the scheduler, then request the rotation again", false);
            return;
        }
        ManagedSecret secret = registered.get();
        leases.hold(secret, () -> {
            if (republishIfEnded(secret, rotationId)) {
                return;
            }
            Optional<StagingEntry> staging = store.staging(secret);
            if (staging.isPresent()) {
                if (staging.get().rotationId().equals(rotationId)) {
                    LOG.infof("rotation %s of %s was staged before a restart or a retry; setting the target again", rotationId, secretId);
                    setAndAnnounce(secret, staging.get());
                } else {
                    fail(secretId, rotationId, RotationFailureReason.IN_PROGRESS, "rotation " + staging.get().rotationId()
                            + " of " + secretId + " is in flight: wait for it to end, or roll it back, then request again", true);
                }
                return;
            }
            if (clock.instant().isAfter(deadline)) {
                fail(secretId, rotationId, RotationFailureReason.DEADLINE_EXCEEDED, "the request's deadline " + deadline
                        + " passed before the rotator could start it; nothing was changed: request it again", true);
                return;
            }
            startNew(secret, rotationId, deadline, revertTo);
        });
    }

    /** A request the rotator will not carry out: RotationFailed, not retryable; nothing was read or changed. */
    public void refuse(String secretId, String rotationId, RotationFailureReason reason, String why) {
        LOG.warnf("refused rotation %s of %s (%s): %s", rotationId, secretId, reason, why);
        fail(secretId, rotationId, reason, why, false);
    }

    /** Step 6: promote the verified credential. */
    public void verified(String secretId, String rotationId) {
        Optional<ManagedSecret> registered = catalog.find(secretId);
        if (registered.isEmpty()) {
            LOG.warnf("verification of rotation %s for unregistered secret %s ignored", rotationId, secretId);
            return;
        }
        ManagedSecret secret = registered.get();
        leases.hold(secret, () -> {
            Optional<FinishedRotation> finished = store.finished(secret, rotationId);
            if (finished.isPresent() && finished.get().outcome() != Outcome.COMPLETED) {
                LOG.infof("verification of rotation %s of %s ignored: it ended %s before", rotationId, secretId, finished.get().outcome());
                return;
            }
            if (republishIfEnded(secret, rotationId)) {
                return;
            }
            Optional<StagingEntry> staging = store.staging(secret).filter(s -> s.rotationId().equals(rotationId));
            if (staging.isEmpty()) {
                LOG.infof("verification of rotation %s of %s ignored: it is not in flight", rotationId, secretId);
                return;
            }
            promote(secret, staging.get());
        });
    }

    /** Step 7: put the previous credential back, check it, drop the staged one. */
    public void rollback(String secretId, String rotationId, String cause) {
        Optional<ManagedSecret> registered = catalog.find(secretId);
        if (registered.isEmpty()) {
            LOG.warnf("rollback of rotation %s for unregistered secret %s ignored", rotationId, secretId);
            return;
        }
        ManagedSecret secret = registered.get();
        leases.hold(secret, () -> {
            Optional<FinishedRotation> finished = store.finished(secret, rotationId);
            if (finished.isPresent() && finished.get().outcome() == Outcome.COMPLETED) {
                LOG.warnf("rollback of rotation %s of %s ignored: it completed; request a new rotation instead", rotationId, secretId);
                return;
            }
            if (republishIfEnded(secret, rotationId)) {
                return;
            }
            Optional<StagingEntry> staging = store.staging(secret).filter(s -> s.rotationId().equals(rotationId));
            if (staging.isEmpty()) {
                LOG.warnf("rollback of rotation %s of %s ignored: it is not in flight", rotationId, secretId);
                return;
            }
            restorePrevious(secret, staging.get(), cause);
        });
    }

    /**
     * The deadline reaper's step: a rotation still in flight past its deadline is finished when its
     * promotion already happened, and otherwise ended with the previous credential in place.
     */
    public void expire(ManagedSecret secret, String rotationId) {
        leases.hold(secret, () -> {
            Optional<StagingEntry> staging = store.staging(secret).filter(s -> s.rotationId().equals(rotationId));
            if (staging.isEmpty() || !staging.get().isPastDeadline(clock.instant())) {
                return;
            }
            Optional<FinishedRotation> finished = store.finished(secret, rotationId);
            if (finished.isPresent() && finished.get().outcome() == Outcome.ROLLBACK_FAILED) {
                return;
            }
            if (republishIfEnded(secret, rotationId)) {
                return;
            }
            String why = "its deadline " + staging.get().deadline() + " passed before it was verified";
            if (isPromoted(secret, rotationId)) {
                complete(secret, staging.get());
            } else if (staging.get().phase() == StagingEntry.Phase.STAGED) {
                endUnchanged(secret, rotationId, RotationFailureReason.DEADLINE_EXCEEDED, why + ", and the target was never changed");
            } else {
                restorePrevious(secret, staging.get(), why + "; the rotator restored the previous credential");
            }
            metrics.expired();
        });
    }

    /**
     * A rollback whose step kept failing past its retry budget, or failed for good. A failure that can pass leaves
     * the staging entry to the deadline reaper, which keeps restoring; one that cannot ends in RollbackFailed.
     */
    public void rollbackAbandoned(String secretId, String rotationId, String cause, RuntimeException failure) {
        metrics.abandoned("rollback");
        if (failure instanceof TransientFailure) {
            LOG.warnf("The rollback of rotation %s of %s gave up for now (%s); the deadline reaper keeps restoring the previous"
                    + " credential until it succeeds", rotationId, secretId, failure.getMessage());
            return;
        }
        ManagedSecret secret = catalog.find(secretId).orElseThrow();
        leases.hold(secret, () -> store.staging(secret).filter(s -> s.rotationId().equals(rotationId))
                .ifPresent(staging -> rollbackFailed(secret, staging, cause, failure.getMessage())));
    }

    /**
     * A request whose step kept failing past its retry budget, or failed for good. It ends now when
     * the facts say nothing was changed; a rotation that may have changed the target keeps its staging
     * entry, so that the deadline reaper ends it from facts once its systems answer again.
     */
    public void requestAbandoned(String secretId, String rotationId, RuntimeException failure) {
        metrics.abandoned("request");
        RotationFailureReason reason = failure instanceof TransientFailure t ? t.reason() : RotationFailureReason.OTHER;
        boolean retryable = failure instanceof TransientFailure;
        if (failure instanceof TransientFailure t && t.isBeforeAnyChange()) {
            fail(secretId, rotationId, reason, failure.getMessage() + "; nothing was changed", retryable);
            return;
        }
        try {
            ManagedSecret secret = catalog.find(secretId).orElseThrow();
            leases.hold(secret, () -> {
                if (republishIfEnded(secret, rotationId)) {
                    return;
                }
                Optional<StagingEntry> staging = store.staging(secret).filter(s -> s.rotationId().equals(rotationId));
                if (staging.isEmpty()) {
                    fail(secretId, rotationId, reason, failure.getMessage() + "; nothing was changed", retryable);
                } else if (staging.get().phase() == StagingEntry.Phase.STAGED) {
                    endUnchanged(secret, rotationId, reason, failure.getMessage());
                } else {
                    LOG.warnf("Rotation %s of %s gave up (%s); the target may hold the new credential, so its staging entry stays and"
                            + " the deadline reaper ends the rotation after %s", rotationId, secretId, failure.getMessage(),
                            staging.get().deadline());
                }
            });
        } catch (RuntimeException e) {
            unsettled.add(secretId, rotationId);
            LOG.warnf("Rotation %s of %s gave up (%s), and its state cannot be read now (%s); the deadline reaper settles it once"
                    + " the store answers", rotationId, secretId, failure.getMessage(), e.getMessage());
        }
    }

    /**
     * The reaper's step for a request given up while its state could not be read: ended when the store recorded it,
     * left to its staging entry (and so to its deadline) when it staged, and otherwise it changed nothing and fails now.
     * Throws a TransientFailure while the store still cannot answer.
     */
    public void settle(String secretId, String rotationId) {
        Optional<ManagedSecret> registered = catalog.find(secretId);
        if (registered.isEmpty()) {
            fail(secretId, rotationId, RotationFailureReason.STORE_UNAVAILABLE, "the store did not answer within the retry budget,"
                    + " and " + secretId + " is no longer registered", true);
            return;
        }
        ManagedSecret secret = registered.get();
        leases.hold(secret, () -> {
            if (republishIfEnded(secret, rotationId)
                    || store.staging(secret).filter(s -> s.rotationId().equals(rotationId)).isPresent()) {
                return;
            }
            fail(secretId, rotationId, RotationFailureReason.STORE_UNAVAILABLE, "the store did not answer within the retry budget;"
                    + " nothing was staged or changed: request it again", true);
        });
    }

    private void startNew(ManagedSecret secret, String rotationId, Instant deadline, Optional<Integer> revertTo) {
        String secretId = secret.secretId();
        StoreEntry current;
        Credential admin;
        try {
            Optional<StoreEntry> stored = store.current(secret);
            if (stored.isEmpty()) {
                fail(secretId, rotationId, RotationFailureReason.NOT_FOUND, "store entry " + secret.mount() + "/" + secret.path()
                        + " of " + secretId + " does not exist: write the current credential there first", false);
                return;
            }
            current = stored.get();
            Optional<Credential> storedAdmin = store.admin(secret);
            if (storedAdmin.isEmpty()) {
                fail(secretId, rotationId, RotationFailureReason.NOT_FOUND, "admin entry " + secret.mount() + "/"
                        + secret.target().adminPath() + " of " + secretId + " does not exist: write the admin credential there first", false);
                return;
            }
            admin = storedAdmin.get();
            if (!secret.strategy().accounts(secret.target()).contains(current.credential().username())) {
                fail(secretId, rotationId, RotationFailureReason.OTHER, "the store entry " + secret.mount() + "/" + secret.path()
                        + " of " + secretId + " holds the credential of another account than " + secret.target().describe()
                        + " (" + secret.strategy().id() + "): put the account's credential there, then rotate", false);
                return;
            }
            LoginResult precheck = metrics.timed("precheck", () -> targets.login(secret, current.credential()));
            if (precheck.noAnswer()) {
                throw new TargetUnreachable(precheck.detail(), null);
            }
            if (precheck.status() == LoginResult.Status.AUTH_FAILED) {
                fail(secretId, rotationId, RotationFailureReason.DRIFT, "the stored credential of " + secretId + " no longer logs in to "
                        + secret.target().describe() + ": it was changed outside Rotor; put the working credential in "
                        + secret.mount() + "/" + secret.path() + ", then rotate", false);
                return;
            }
            if (!precheck.credentialAccepted()) {
                fail(secretId, rotationId, RotationFailureReason.OTHER, "the pre-check of " + secretId + " could not log in: "
                        + precheck.detail() + "; nothing was changed", false);
                return;
            }
        } catch (TransientFailure e) {
            // No staging entry existed when this attempt began and none was written: giving up here changes nothing.
            throw e.beforeAnyChange();
        } catch (StoreRefused e) {
            fail(secretId, rotationId, RotationFailureReason.OTHER, e.getMessage() + "; nothing was changed", false);
            return;
        }
        Optional<Credential> next = revertTo.isPresent() ? earlier(secret, rotationId, current, revertTo.get())
                : Optional.of(new Credential(secret.strategy().nextAccount(secret.target(), current.credential().username()),
                        passwords.generate()));
        if (next.isEmpty() || !mayTakeOver(secret, rotationId, admin, current.credential().username(), next.get().username())) {
            return;
        }
        StagingEntry staging = new StagingEntry(rotationId, current.version(), next.get(), deadline, StagingEntry.Phase.STAGED);
        try {
            metrics.timed("stage", () -> store.stage(secret, staging));
        } catch (StoreConflict e) {
            fail(secretId, rotationId, RotationFailureReason.IN_PROGRESS, "another rotation of " + secretId
                    + " staged first: wait for it to end, then request again", true);
            return;
        }
        failpoint.reached(PausePoint.AFTER_STAGE, rotationId);
        setAndAnnounce(secret, staging, admin);
    }

    /**
     * Whether the account a rotation moves to holds exactly the current one's privileges: a difference ends the
     * rotation before anything changes, naming each grant, rather than being copied silently.
     */
    private boolean mayTakeOver(ManagedSecret secret, String rotationId, Credential admin, String current, String next) {
        List<String> differences;
        try {
            differences = metrics.timed("privileges", () -> targets.privilegeDifferences(secret, admin, current, next));
        } catch (TransientFailure e) {
            throw e.beforeAnyChange();
        } catch (TargetRefused e) {
            fail(secret.secretId(), rotationId, RotationFailureReason.OTHER, e.getMessage() + "; nothing was changed", false);
            return false;
        }
        if (differences.isEmpty()) {
            return true;
        }
        fail(secret.secretId(), rotationId, RotationFailureReason.OTHER, "the pre-check of " + secret.secretId() + " found that "
                + next + " cannot take over from " + current + ": " + String.join("; ", differences) + ". Grant or revoke exactly"
                + " these on " + secret.target().describe() + " so both accounts hold the same, then rotate; nothing was changed",
                false);
        return false;
    }

    /** The credential of an earlier version for a REVERT, or empty after ending the rotation with why it cannot be had. */
    private Optional<Credential> earlier(ManagedSecret secret, String rotationId, StoreEntry current, int version) {
        String where = secret.mount() + "/" + secret.path();
        if (version >= current.version() || version < 1) {
            fail(secret.secretId(), rotationId, RotationFailureReason.NOT_FOUND, "cannot revert " + secret.secretId() + " to version "
                    + version + ": the store is at version " + current.version() + "; name an earlier version", false);
            return Optional.empty();
        }
        Optional<Credential> earlier = store.atVersion(secret, version);
        if (earlier.isEmpty()) {
            fail(secret.secretId(), rotationId, RotationFailureReason.NOT_FOUND, "version " + version + " of " + where
                    + " is deleted, destroyed or past the store's max_versions: name a version the store still holds", false);
        } else if (!earlier.get().username().equals(current.credential().username())
                && !secret.strategy().accounts(secret.target()).contains(earlier.get().username())) {
            fail(secret.secretId(), rotationId, RotationFailureReason.OTHER, "version " + version + " of " + where + " is for user "
                    + earlier.get().username() + ", the secret is now user " + current.credential().username()
                    + ": a revert changes the password, not the user", false);
            return Optional.empty();
        }
        return earlier;
    }

    private void setAndAnnounce(ManagedSecret secret, StagingEntry staging) {
        setAndAnnounce(secret, staging, admin(secret));
    }

    private void setAndAnnounce(ManagedSecret secret, StagingEntry staged, Credential admin) {
        StagingEntry staging = store.markSetting(secret, staged);
        try {
            metrics.timed("set", () -> targets.apply(secret, admin, staging.credential()));
        } catch (TargetUnreachable | TargetRefused e) {
            if (!landed(secret, staging, e)) {
                return;
            }
        }
        failpoint.reached(PausePoint.AFTER_SET, staging.rotationId());
        publisher.publish(events.secretUpdated(secret, staging.rotationId(), store.stagingPath(secret), staging.previousVersion()));
    }

    /**
     * Whether a password change that reported a failure took effect anyway (its reply may be what was lost).
     * Only when the staged credential is refused and the current one accepted is it known not to have: then a
     * change the target refused for good ends the rotation, with nothing changed. Anything less certain keeps the
     * staged credential, which may be the one the target holds, and the step is retried.
     */
    private boolean landed(ManagedSecret secret, StagingEntry staging, RuntimeException failure) {
        LoginResult staged = targets.login(secret, staging.credential());
        if (staged.credentialAccepted()) {
            return true;
        }
        boolean notLanded = staged.status() == LoginResult.Status.AUTH_FAILED
                && store.current(secret).map(c -> targets.login(secret, c.credential()).credentialAccepted()).orElse(false);
        if (notLanded && failure instanceof TargetRefused) {
            endUnchanged(secret, staging.rotationId(), RotationFailureReason.OTHER, failure.getMessage());
            return false;
        }
        throw failure instanceof TargetUnreachable unreachable ? unreachable : new TargetUnreachable(failure.getMessage()
                + "; whether the change took effect is not known yet (staged: " + staged.detail() + "), so the staged credential is"
                + " kept", failure);
    }

    private void promote(ManagedSecret secret, StagingEntry staging) {
        failpoint.reached(PausePoint.BEFORE_PROMOTE, staging.rotationId());
        try {
            metrics.timed("promote", () -> store.promote(secret, staging));
        } catch (StoreConflict e) {
            if (!isPromoted(secret, staging.rotationId())) {
                // Someone wrote the store during the rotation: the target must go back to what the store holds.
                restorePrevious(secret, staging, "the store entry changed during the rotation (" + e.getMessage() + ")");
                return;
            }
        }
        failpoint.reached(PausePoint.AFTER_PROMOTE, staging.rotationId());
        complete(secret, staging);
    }

    private void complete(ManagedSecret secret, StagingEntry staging) {
        retirePrevious(secret, staging);
        store.recordFinished(secret, new FinishedRotation(staging.rotationId(), Outcome.COMPLETED));
        store.dropStaging(secret);
        publisher.publish(events.completed(secret.secretId(), staging.rotationId(), staging.previousVersion() + 1, staging.previousVersion()));
        metrics.ended("completed");
    }

    /**
     * What the strategy kept of the replaced credential goes once the store holds the new one (dual passwords: the
     * old password). The rotation is promoted already, so a failure here must not hold it open: the rotation completes
     * and the warning names the target where the old password may still log in, for an operator to remove.
     */
    private void retirePrevious(ManagedSecret secret, StagingEntry staging) {
        if (!secret.strategy().retiresPrevious()) {
            return;
        }
        Optional<Credential> previous = store.atVersion(secret, staging.previousVersion());
        if (previous.isEmpty()) {
            LOG.warnf("Rotation %s of %s: version %d of the store is gone, so its password cannot be retired on %s: remove it by"
                    + " hand", staging.rotationId(), secret.secretId(), staging.previousVersion(), secret.target().describe());
            return;
        }
        try {
            metrics.timed("retire", () -> targets.retire(secret, admin(secret), previous.get()));
        } catch (TargetRefused | TargetUnreachable e) {
            LOG.warnf("Rotation %s of %s is promoted, but the previous password may still log in on %s: %s", staging.rotationId(),
                    secret.secretId(), secret.target().describe(), e.getMessage());
        }
    }

    private void restorePrevious(ManagedSecret secret, StagingEntry staging, String cause) {
        String secretId = secret.secretId();
        StoreEntry current = store.current(secret).orElseThrow(() -> new StoreRefused("store entry " + secret.mount()
                + "/" + secret.path() + " of " + secretId + " disappeared during rotation " + staging.rotationId()
                + ": write the credential the target holds back to it"));
        if (staging.phase() == StagingEntry.Phase.SETTING) {
            failpoint.reached(PausePoint.DURING_ROLLBACK, staging.rotationId());
            try {
                metrics.timed("rollback", () -> targets.revert(secret, admin(secret), current.credential(), staging.credential()));
            } catch (TargetRefused e) {
                rollbackFailed(secret, staging, cause, e.getMessage());
                return;
            }
            LoginResult check = targets.login(secret, current.credential());
            if (check.noAnswer()) {
                throw new TargetUnreachable("the restored credential of " + secretId + " could not be checked: " + check.detail(), null);
            }
            if (!check.credentialAccepted()) {
                rollbackFailed(secret, staging, cause, "the restored credential does not log in: " + check.detail());
                return;
            }
        }
        store.recordFinished(secret, new FinishedRotation(staging.rotationId(), Outcome.ROLLED_BACK));
        store.dropStaging(secret);
        publisher.publish(events.rolledBack(secretId, staging.rotationId(), cause, current.version()));
        metrics.ended("rolled_back");
    }

    private void rollbackFailed(ManagedSecret secret, StagingEntry staging, String cause, String why) {
        // The staging entry stays: it pauses the secret (every new request ends IN_PROGRESS) until a person acts.
        store.recordFinished(secret, new FinishedRotation(staging.rotationId(), Outcome.ROLLBACK_FAILED));
        publisher.publish(events.rollbackFailed(secret.secretId(), staging.rotationId(), cause, why + pausedAdvice(secret)));
        metrics.ended("rollback_failed");
    }

    /** A rotation that wrote a staging entry and ends with the target unchanged: recorded, dropped, RotationFailed. */
    private void endUnchanged(ManagedSecret secret, String rotationId, RotationFailureReason reason, String why) {
        store.recordFinished(secret, new FinishedRotation(rotationId, Outcome.FAILED));
        store.dropStaging(secret);
        fail(secret.secretId(), rotationId, reason, why + "; nothing was changed", true);
    }

    /**
     * When the store records this rotation as ended, finishes what a crash or a failed publish may have cut short
     * (the staging entry's removal, the terminal event) and says so; the event repeats the first one's eventId.
     */
    private boolean republishIfEnded(ManagedSecret secret, String rotationId) {
        Optional<FinishedRotation> finished = store.finished(secret, rotationId);
        if (finished.isEmpty()) {
            return false;
        }
        String secretId = secret.secretId();
        Optional<StoreEntry> current = store.current(secret);
        switch (finished.get().outcome()) {
            case COMPLETED -> {
                dropStagingOf(secret, rotationId);
                int version = current.map(StoreEntry::version).orElseThrow();
                publisher.publish(events.completed(secretId, rotationId, version, version - 1));
            }
            case ROLLED_BACK -> {
                dropStagingOf(secret, rotationId);
                publisher.publish(events.rolledBack(secretId, rotationId, "ended before this redelivery",
                        current.map(StoreEntry::version).orElse(null)));
            }
            case FAILED -> {
                dropStagingOf(secret, rotationId);
                publisher.publish(events.failed(secretId, rotationId, RotationFailureReason.OTHER, "ended before this redelivery; nothing"
                        + " was changed", true));
            }
            case ROLLBACK_FAILED -> publisher.publish(events.rollbackFailed(secretId, rotationId, "ended before this redelivery",
                    "the rollback failed before" + pausedAdvice(secret)));
        }
        return true;
    }

    /** A later rotation may be in flight by now: only this rotation's own staging entry is dropped. */
    private void dropStagingOf(ManagedSecret secret, String rotationId) {
        if (store.staging(secret).filter(s -> s.rotationId().equals(rotationId)).isPresent()) {
            store.dropStaging(secret);
        }
    }

    private boolean isPromoted(ManagedSecret secret, String rotationId) {
        return store.current(secret).map(c -> rotationId.equals(c.rotationId())).orElse(false);
    }

    private String pausedAdvice(ManagedSecret secret) {
        return "; the secret is paused: restore the credential in " + secret.mount() + "/" + secret.path() + " on "
                + secret.target().describe() + " by hand, then delete " + secret.mount() + "/" + store.stagingPath(secret);
    }

    private Credential admin(ManagedSecret secret) {
        return store.admin(secret).orElseThrow(() -> new StoreRefused("admin entry " + secret.mount() + "/"
                + secret.target().adminPath() + " of " + secret.secretId() + " is missing: write the admin credential there"));
    }

    private void fail(String secretId, String rotationId, RotationFailureReason reason, String detail, boolean retryable) {
        publisher.publish(events.failed(secretId, rotationId, reason, detail, retryable));
        metrics.ended("failed");
    }
}
