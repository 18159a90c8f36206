package dev.rotor.scheduler.schedule;

import java.time.Clock;
import java.util.Map;

import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.rotor.scheduler.config.SchedulerConfig;
import dev.rotor.scheduler.schedule.RetryBook.RetryPolicy;
import dev.rotor.scheduler.service.RotationLedger;
import dev.rotor.scheduler.service.SecretRegistry;
import dev.rotor.scheduler.service.ViewProgress;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;

/** Builds the engine from the application's beans; tests build it from fakes. */
class EngineProducer {

    @Produces
    @Singleton
    SecretStatuses statuses() {
        return new SecretStatuses();
    }

    @Produces
    @Singleton
    SchedulingEngine engine(SecretRegistry registry, RotationLedger ledger, SecretStatuses statuses, PolicySource policies,
            PauseControls controls, RequestPublisher publisher, RolloutStore rollouts, MeterRegistry meters, SchedulerConfig config,
            Clock clock, ViewProgress view) {
        SchedulerConfig.Retry retry = config.retry();
        return new SchedulingEngine(registry, ledger, statuses, policies, controls, publisher, rollouts, new EngineMetrics(meters),
                new RetryPolicy(retry.initial(), retry.multiplier(), retry.maxAttempts()), clock, view::caughtUp);
    }

    @Produces
    @Singleton
    LeaderElection leaderElection(SchedulerConfig config, @Identifier("default-kafka-broker") Map<String, Object> kafka,
            @ConfigProperty(name = "quarkus.uuid") String instance, MeterRegistry meters) {
        return new LeaderElection(kafka, config.leader().topic(), config.leader().group(), instance,
                config.leader().sessionTimeout(), meters);
    }

    void stop(@Disposes LeaderElection election) {
        election.close();
    }
}
