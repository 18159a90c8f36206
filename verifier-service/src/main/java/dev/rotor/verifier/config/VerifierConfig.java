package dev.rotor.verifier.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.rotor.contract.StagingPaths;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rotor.verifier")
public interface VerifierConfig {

    /** Logins are retried because a new credential may take a moment to reach every node of a target. */
    Retry retry();

    /**
     * How long a target that does not answer (UNREACHABLE, TIMEOUT) is retried before the verdict
     * VerificationFailed(UNREACHABLE|TIMEOUT): long enough for a restart, short enough that a dead
     * target ends in a rollback rather than a stranded rotation.
     */
    @WithDefault("30s")
    Duration unreachableBudget();

    /**
     * How long Vault is retried when it does not answer a read of the staging entry (unreachable,
     * 5xx, sealed, 429) before the verdict VerificationFailed(OTHER).
     */
    @WithDefault("2m")
    Duration storeRetryBudget();

    /**
     * How long secret.registry is read again when the broker or the schema registry does not answer, before the
     * verdict VerificationFailed(OTHER): without the secret's registration the event cannot be checked, so nothing
     * is read from Vault.
     */
    @WithDefault("2m")
    Duration registryRetryBudget();

    /**
     * Staging entries live under this prefix, in the secret's own mount: {@code <prefix>/<secret path>}. It must be
     * the rotator's rotor.rotator.staging-prefix: a SecretUpdated naming any other staging path is refused.
     */
    @WithDefault(StagingPaths.DEFAULT_PREFIX)
    String stagingPrefix();

    Probe probe();

    /**
     * Crash-test failpoint: a file that, while it holds {@code DURING_VERIFICATION}, holds every verification after the
     * staged credential is read and before the login. Read at every verification, so that a test arms a running
     * instance. Never set outside the end-to-end crash tests.
     */
    Optional<Path> failpointFile();

    interface Retry {

        /** Logins per verification that the target refuses (AUTH_FAILED), the first included. */
        @WithDefault("5")
        int attempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("2s")
        Duration maxBackoff();

        /**
         * Each pause is moved by up to this much either way, so that verifications that failed
         * together (a target restart) do not all come back at the same instant.
         */
        @WithDefault("100ms")
        Duration jitter();
    }

    interface Probe {

        /** How long to wait for the target to accept the connection. */
        @WithDefault("5s")
        Duration connectTimeout();

        /** How long to wait for any answer once connected, the login handshake included. */
        @WithDefault("10s")
        Duration socketTimeout();
    }
}
