package dev.rotor.scheduler.rest;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

import dev.rotor.scheduler.service.ViewProgress;

/** Not ready until the view has read its topics: before that the API would answer from a partial picture. */
@Readiness
@ApplicationScoped
class ViewReadiness implements HealthCheck {

    private final ViewProgress view;

    ViewReadiness(ViewProgress view) {
        this.view = view;
    }

    @Override
    public HealthCheckResponse call() {
        boolean ready = view.caughtUp();
        var response = HealthCheckResponse.named("scheduler-view").status(ready);
        if (!ready) {
            response.withData("waiting", view.pendingDescription());
        }
        return response.build();
    }
}
