package dev.rotor.rotator.service;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.rotor.rotator.catalog.SecretCatalog;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.domain.StagingEntry;
import dev.rotor.rotator.fault.TransientFailure;
import dev.rotor.rotator.store.CredentialStore;
import io.quarkus.scheduler.Scheduled;

/**
 * Enforces every rotation's deadline. A staging entry is a rotation in flight, so the store itself
 * lists what is open: whatever a lost event, a dead letter, a crash or an outage left behind is
 * found here and ended from facts once its deadline has passed (RotationService#expire). Every
 * instance runs it; the secret's lease lets one act. First it settles this instance's requests that
 * were given up while the store could not be read (UnsettledRotations).
 */
@ApplicationScoped
class DeadlineReaper {

    private static final Logger LOG = Logger.getLogger(DeadlineReaper.class);

    private final SecretCatalog catalog;
    private final CredentialStore store;
    private final RotationService rotations;
    private final UnsettledRotations unsettled;
    private final Clock clock = Clock.systemUTC();

    DeadlineReaper(SecretCatalog catalog, CredentialStore store, RotationService rotations, UnsettledRotations unsettled) {
        this.catalog = catalog;
        this.store = store;
        this.rotations = rotations;
        this.unsettled = unsettled;
    }

    @Scheduled(every = "${rotor.rotator.reaper-interval}", delayed = "${rotor.rotator.reaper-interval}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reap() {
        unsettled.snapshot().forEach(this::settle);
        try {
            for (String mount : catalog.mounts()) {
                for (String stagingPath : store.stagingPaths(mount)) {
                    reap(mount, stagingPath);
                }
            }
        } catch (TransientFailure e) {
            LOG.infof("The deadline reaper could not list the rotations in flight (%s); it looks again next round", e.getMessage());
        }
    }

    private void settle(String rotationId, String secretId) {
        try {
            rotations.settle(secretId, rotationId);
            unsettled.settled(rotationId);
        } catch (RuntimeException e) {
            LOG.infof("Rotation %s of %s still cannot be settled (%s); tried again next round", rotationId, secretId, e.getMessage());
        }
    }

    private void reap(String mount, String stagingPath) {
        Optional<ManagedSecret> secret = store.secretPathOf(stagingPath).flatMap(path -> catalog.atLocation(mount, path));
        if (secret.isEmpty()) {
            LOG.warnf("Staging entry %s/%s belongs to no registered secret; register the secret again, or delete the entry once"
                    + " its credential is known not to be in use", mount, stagingPath);
            return;
        }
        Instant now = clock.instant();
        Optional<StagingEntry> staging = store.staging(secret.get()).filter(s -> s.isPastDeadline(now));
        if (staging.isEmpty()) {
            return;
        }
        String rotationId = staging.get().rotationId();
        try {
            rotations.expire(secret.get(), rotationId);
        } catch (TransientFailure e) {
            LOG.infof("Rotation %s of %s is past its deadline and cannot be ended yet (%s); tried again next round", rotationId,
                    secret.get().secretId(), e.getMessage());
        } catch (RuntimeException e) {
            rotations.rollbackAbandoned(secret.get().secretId(), rotationId, "its deadline " + staging.get().deadline() + " passed", e);
        }
    }
}
