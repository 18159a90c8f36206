package dev.rotor.verifier.service;

import java.util.concurrent.CountDownLatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.rotor.verifier.config.VerifierConfig;

/**
 * Exists for the end-to-end crash tests only: with {@code rotor.verifier.pause-during-verification}
 * the verifier stops between reading the staged credential and logging in, so the test can SIGKILL it
 * at exactly that step and prove that the redelivered SecretUpdated is verified after a restart
 * (invariants I2, I3). The test waits for the log line, so its text is part of that contract.
 */
@ApplicationScoped
class Failpoint {

    private static final Logger LOG = Logger.getLogger(Failpoint.class);

    private final boolean pauseDuringVerification;

    @Inject
    Failpoint(VerifierConfig config) {
        this(config.pauseDuringVerification());
    }

    Failpoint(boolean pauseDuringVerification) {
        this.pauseDuringVerification = pauseDuringVerification;
    }

    void duringVerification(String rotationId) {
        if (!pauseDuringVerification) {
            return;
        }
        LOG.warnf("rotor-failpoint: verifier paused during verification rotation=%s", rotationId);
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted at the verification failpoint of rotation " + rotationId, e);
        }
    }
}
