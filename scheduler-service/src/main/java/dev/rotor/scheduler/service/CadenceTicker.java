package dev.rotor.scheduler.service;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** Drives the cadence loop; one pass at a time, however long a pass takes. */
@ApplicationScoped
class CadenceTicker {

    private final RotationService rotations;

    CadenceTicker(RotationService rotations) {
        this.rotations = rotations;
    }

    // The first pass waits one tick: the channels its emitter needs are still being connected at start-up.
    @Scheduled(identity = "rotor-cadence", every = "${rotor.scheduler.tick:30s}", delayed = "${rotor.scheduler.tick:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        rotations.requestDue();
    }
}
