package dev.rotor.rotator.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rotor.rotator")
public interface RotatorConfig {

    Password password();

    /** Staging entries live under this prefix, in the same mount as the secret: {@code <prefix>/<secret path>}. */
    @WithDefault("rotor-staging")
    String stagingPrefix();

    /** Connect and socket timeout of every login to a target. */
    @WithDefault("10s")
    Duration targetTimeout();

    /** Crash tests only: the step at which the rotator stops, so that the test can SIGKILL it there. */
    Optional<PausePoint> pauseAt();

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
        BEFORE_PROMOTE
    }
}
