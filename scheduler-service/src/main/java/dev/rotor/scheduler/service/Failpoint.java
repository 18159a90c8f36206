package dev.rotor.scheduler.service;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.rotor.scheduler.config.SchedulerConfig;
import dev.rotor.scheduler.config.SchedulerConfig.PausePoint;

/**
 * Lets the crash tests stop the scheduler at an exact step and SIGKILL it there (a rollback must still be requested
 * after a crash between reading VerificationFailed and publishing RollbackRequested). Unset in every real deployment.
 */
@ApplicationScoped
class Failpoint {

    private static final Logger LOG = Logger.getLogger(Failpoint.class);

    private final PausePoint pauseAt;

    @Inject
    Failpoint(SchedulerConfig config) {
        this(config.pauseAt());
    }

    Failpoint(Optional<PausePoint> pauseAt) {
        this.pauseAt = pauseAt.orElse(null);
    }

    void reached(PausePoint point, String rotationId) {
        if (point != pauseAt) {
            return;
        }
        LOG.warnf("rotor-failpoint: scheduler paused at %s rotation=%s", point, rotationId);
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
