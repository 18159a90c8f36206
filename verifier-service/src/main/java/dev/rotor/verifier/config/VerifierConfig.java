package dev.rotor.verifier.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rotor.verifier")
public interface VerifierConfig {

    /** Logins are retried because a new credential may take a moment to reach every node of a target. */
    Retry retry();

    Probe probe();

    /**
     * Crash-test failpoint: hold every verification after the staged credential is read and before
     * the login. Never set outside the end-to-end crash tests.
     */
    @WithDefault("false")
    boolean pauseDuringVerification();

    interface Retry {

        /** Logins per verification, the first included. */
        @WithDefault("5")
        int attempts();

        @WithDefault("200ms")
        Duration initialBackoff();

        @WithDefault("2s")
        Duration maxBackoff();
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
