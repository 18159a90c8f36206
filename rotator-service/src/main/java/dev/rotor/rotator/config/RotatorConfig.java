package dev.rotor.rotator.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.rotor.contract.StagingPaths;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rotor.rotator")
public interface RotatorConfig {

    Password password();

    /**
     * Staging entries live under this prefix, in the same mount as the secret: {@code <prefix>/<secret path>}. The
     * verifier accepts no other staging path, so rotor.verifier.staging-prefix must be the same.
     */
    @WithDefault(StagingPaths.DEFAULT_PREFIX)
    String stagingPrefix();

    /** Connect and socket timeout of every login to a target. */
    @WithDefault("10s")
    Duration targetTimeout();

    /** Leases live under this prefix, in the same mount as the secret: {@code <prefix>/<secret path>}. */
    @WithDefault("rotor-leases")
    String leasePrefix();

    /**
     * How long a lease holds a secret for one step. Longer than a step's worst case — a handful of logins and
     * password changes, each bounded by target-timeout, plus the store's answers — and also how long a crashed
     * instance can keep a secret from the others when it does not start again.
     */
    @WithDefault("60s")
    Duration leaseDuration();

    /**
     * This instance's name, unique among running rotators and the same across its restarts, so that a restarted
     * instance takes its own leases back at once (application.properties defaults it to host and port).
     */
    Optional<String> instance();

    /** The deadline of a request that carries none. */
    @WithDefault("15m")
    Duration defaultDeadline();

    /** How often the deadline reaper looks for rotations in flight past their deadline (also read by its @Scheduled). */
    Duration reaperInterval();

    /**
     * Crash tests only: a file naming the step at which the rotator stops (one of {@link PausePoint}), read again at
     * every step, so that a test can arm and disarm a running instance and SIGKILL it there.
     */
    Optional<Path> failpointFile();

    interface Password {

        @WithDefault("32")
        int length();

        /** Letters and digits by default: safe in every target's connection strings and config files. */
        @WithDefault("ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789")
        String alphabet();
    }

    enum PausePoint {
        AFTER_STAGE,
        AFTER_SET,
        BEFORE_PROMOTE,
        AFTER_PROMOTE,
        DURING_ROLLBACK
    }
}
