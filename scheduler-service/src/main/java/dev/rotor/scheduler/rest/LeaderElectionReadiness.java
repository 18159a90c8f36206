package dev.rotor.scheduler.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import dev.rotor.scheduler.config.SchedulerConfig;
import dev.rotor.scheduler.schedule.LeaderElection;

/**
 * Whether this instance takes part in leader election, and whether it leads. A standby is ready (it serves the API); an
 * instance whose election loop is not running could never take over, so it is not.
 */
@Readiness
@ApplicationScoped
class LeaderElectionReadiness implements HealthCheck {

    static final String NAME = "scheduler leader election";

    private final LeaderElection election;
    private final boolean electing;

    LeaderElectionReadiness(LeaderElection election, SchedulerConfig config) {
        this.election = election;
        this.electing = config.leader().enabled();
    }

    @Override
    public HealthCheckResponse call() {
        if (!electing) {
            return HealthCheckResponse.named(NAME).up().withData("leader", true)
                    .withData("election", "off (rotor.scheduler.leader.enabled=false): this instance always leads").build();
        }
        LeaderElection.Status status = election.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named(NAME).status(status.running())
                .withData("leader", status.leader())
                .withData("restarts", status.restarts());
        if (status.lastError() != null) {
            response.withData("lastError", status.lastError());
        }
        if (!status.running()) {
            response.withData("what to do", "the election loop stopped: this instance can never lead; restart it (its log says why)");
        }
        return response.build();
    }
}
