package dev.rotor.verifier.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import dev.rotor.verifier.config.VerifierConfig;

/**
 * Exists for the end-to-end crash tests only: while the file {@code rotor.verifier.failpoint-file} holds
 * {@value #DURING_VERIFICATION}, the verifier stops between reading the staged credential and logging in, so the test
 * can SIGKILL it at exactly that step and prove that the redelivered SecretUpdated is verified after a restart
 * (invariants I2, I3). The file is read at every verification, so a test arms a running instance. The test waits for
 * the log line, so its text is part of that contract.
 */
@ApplicationScoped
class Failpoint {

    static final String DURING_VERIFICATION = "DURING_VERIFICATION";

    private static final Logger LOG = Logger.getLogger(Failpoint.class);

    private final Path armedBy;

    @Inject
    Failpoint(VerifierConfig config) {
        this(config.failpointFile().orElse(null));
    }

    /** {@code armedBy}: the file that names the armed step, or null for none. */
    Failpoint(Path armedBy) {
        this.armedBy = armedBy;
    }

    void duringVerification(String rotationId) {
        if (!DURING_VERIFICATION.equals(armed())) {
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
