package dev.rotor.rotator.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.rotor.rotator.config.RotatorConfig;
import dev.rotor.rotator.config.RotatorConfig.PausePoint;

/**
 * Lets the crash tests stop the rotator at an exact step of the protocol and SIGKILL it there
 * (I2-I4 must hold after a crash at any step). The armed step is read from a file at every step, so that a test
 * arms a running instance instead of restarting it; unset in every real deployment.
 */
@ApplicationScoped
public class Failpoint {

    private static final Logger LOG = Logger.getLogger(Failpoint.class);

    private final Path armedBy;

    @Inject
    Failpoint(RotatorConfig config) {
        this(config.failpointFile().orElse(null));
    }

    /** {@code armedBy}: the file that names the armed step, or null for none. */
    Failpoint(Path armedBy) {
        this.armedBy = armedBy;
    }

    void reached(PausePoint point, String rotationId) {
        if (!point.name().equals(armed())) {
            return;
        }
        LOG.warnf("rotor-failpoint: rotator paused at %s rotation=%s", point, rotationId);
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private String armed() {
        if (armedBy == null) {
            return null;
        }
        try {
            return Files.readString(armedBy).strip();
        } catch (NoSuchFileException disarmed) {
            return null;
        } catch (IOException e) {
            LOG.warnf("rotor-failpoint: cannot read %s (%s); not pausing", armedBy, e.getMessage());
            return null;
        }
    }
}
