package dev.rotor.audit.stream;

import java.time.Duration;

import dev.rotor.audit.config.AuditConfig;

/**
 * The durations the topology runs by, apart from Quarkus' config so that tests and the benchmark
 * build the same topology.
 *
 * @param dedupeWindow how long an eventId is remembered
 * @param defaultDeadline deadline of a rotation whose request names none, counted from the request
 * @param predecessorGrace how long a terminal may wait for the steps before it
 * @param completenessCheckInterval how often the wall clock is checked against deadlines and grace periods
 * @param checkpointInterval how often each task signs a checkpoint of its chains (when it wrote a record since the last)
 */
public record TopologySettings(Duration dedupeWindow, Duration defaultDeadline, Duration predecessorGrace,
        Duration completenessCheckInterval, Duration checkpointInterval) {

    public static TopologySettings of(AuditConfig config) {
        return new TopologySettings(config.dedupeWindow(), config.defaultDeadline(), config.predecessorGrace(),
                config.completenessCheckInterval(), config.checkpointInterval());
    }
}
