package dev.rotor.rotator.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import dev.rotor.rotator.config.RotatorConfig;
import dev.rotor.rotator.config.RotatorConfig.PausePoint;

/**
 * Lets the crash tests stop the rotator at an exact step of the protocol and SIGKILL it there
 * (I2-I4 must hold after a crash at any step). Unset in every real deployment.
 */
@ApplicationScoped
public class Failpoint {

    private static final Logger LOG = Logger.getLogger(Failpoint.class);

    private final PausePoint pauseAt;

    Failpoint(RotatorConfig config) {
        this.pauseAt = config.pauseAt().orElse(null);
    }

    void reached(PausePoint point, String rotationId) {
        if (point != pauseAt) {
            return;
        }
        LOG.warnf("rotor-failpoint: rotator paused at %s rotation=%s", point, rotationId);
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
