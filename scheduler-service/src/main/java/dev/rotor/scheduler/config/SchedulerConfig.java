package dev.rotor.scheduler.config;

import java.time.Duration;

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

    RegistryTopic registryTopic();

    interface RegistryTopic {

        /** Off where topics are managed elsewhere (an operator, GitOps); the topic must then exist, compacted. */
        @WithDefault("true")
        boolean create();

        @WithDefault("3")
        int partitions();

        @WithDefault("1")
        short replicationFactor();
    }
}
