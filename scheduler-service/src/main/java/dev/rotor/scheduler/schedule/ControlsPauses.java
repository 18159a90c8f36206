package dev.rotor.scheduler.schedule;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.scheduler.control.Pause;
import dev.rotor.scheduler.control.SchedulingControls;
import dev.rotor.schema.ControlScope;
import dev.rotor.schema.ControlSource;

/** The engine's pauses: rotation.control through {@link SchedulingControls}; the engine's own pauses name "scheduler". */
@ApplicationScoped
class ControlsPauses implements PauseControls {

    private final SchedulingControls controls;

    ControlsPauses(SchedulingControls controls) {
        this.controls = controls;
    }

    @Override
    public Optional<String> pausedBecause(String secretId, String secretClass) {
        return controls.pauseOf(secretId, secretClass).map(Pause::describe);
    }

    @Override
    public boolean breakerOpen(String secretClass) {
        return controls.pauseAt(ControlScope.SECRET_CLASS, secretClass).filter(p -> p.source() == ControlSource.CIRCUIT_BREAKER).isPresent();
    }

    @Override
    public void pauseClassByBreaker(String secretClass, String reason) {
        controls.pause(ControlScope.SECRET_CLASS, secretClass, ControlSource.CIRCUIT_BREAKER, SchedulingEngine.SCHEDULER, reason);
    }

    @Override
    public void pauseSecretAfterFailures(String secretId, String reason) {
        controls.pause(ControlScope.SECRET, secretId, ControlSource.FAILURE_LIMIT, SchedulingEngine.SCHEDULER, reason);
    }
}
