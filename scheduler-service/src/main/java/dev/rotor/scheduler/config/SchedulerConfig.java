package dev.rotor.scheduler.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rotor.scheduler")
public interface SchedulerConfig {

    /** How often the cadence loop looks for secrets that are due; read by {@code @Scheduled}. */
    @WithDefault("30s")
    String tick();

    /** How long a requested rotation has to reach a terminal event; past it the audit reports it incomplete. */
    @WithDefault("PT15M")
    Duration rotationDeadline();

    /**
     * How long after a rotation's deadline the scheduler still waits for its terminal event before it releases the
     * rotation's slot (and says so on rotation.incomplete): the rotator's own deadline handling comes first.
     */
    @WithDefault("PT5M")
    Duration deadlineGrace();

    /** How long an emergency rotation waits for its second approver before the request expires. */
    @WithDefault("PT1H")
    Duration approvalTtl();

    /**
     * Crash tests only: a file naming the step at which the scheduler stops (one of {@link PausePoint}), read again at
     * every step, so that a test can arm a running instance and SIGKILL it there. Unset in every real deployment.
     */
    Optional<Path> failpointFile();

    Retry retry();

    Leader leader();

    /** Retries of rotations that failed for a transient cause: exponential backoff. */
    interface Retry {

        @WithDefault("PT30S")
        Duration initial();

        @WithDefault("2")
        double multiplier();

        /** Attempts in all, the first one included. */
        @WithDefault("5")
        int maxAttempts();
    }

    /** Leader election among scheduler instances: only the leader ticks, retries and trips breakers. */
    interface Leader {

        /** Off for a single instance (and in-memory tests): it then always leads. */
        @WithDefault("true")
        boolean enabled();

        /** A one-partition topic; the instance assigned its partition leads. */
        @WithDefault("rotor.scheduler.leader")
        String topic();

        @WithDefault("rotor-scheduler-leader")
        String group();

        /** How long a leader that stopped heartbeating keeps the lead before a standby takes over. */
        @WithDefault("PT10S")
        Duration sessionTimeout();
    }

    enum PausePoint {
        /** A VerificationFailed was read, its RollbackRequested not yet published (nor its offset committed). */
        BEFORE_ROLLBACK_REQUEST
    }
}
