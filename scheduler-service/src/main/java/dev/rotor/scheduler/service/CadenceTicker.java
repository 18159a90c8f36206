package dev.rotor.scheduler.service;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import dev.rotor.scheduler.config.SchedulerConfig;
import dev.rotor.scheduler.schedule.LeaderElection;
import dev.rotor.scheduler.schedule.SchedulingEngine;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;

/**
 * Drives the scheduling engine on the leader, one pass at a time however long a pass takes. A standby,
 * or a leader whose view has not yet read its topics up to where they ended at start-up, skips the
 * pass: deciding on a stale view could request what another instance already requested. Each pass
 * first releases the rotations past their deadline and grace (OverdueRotations).
 */
@ApplicationScoped
class CadenceTicker {

    private static final Logger LOG = Logger.getLogger(CadenceTicker.class);

    private final SchedulingEngine engine;
    private final LeaderElection election;
    private final ViewProgress view;
    private final OverdueRotations overdue;
    private final boolean electing;

    CadenceTicker(SchedulingEngine engine, LeaderElection election, ViewProgress view, OverdueRotations overdue, SchedulerConfig config) {
        this.engine = engine;
        this.election = election;
        this.view = view;
        this.overdue = overdue;
        this.electing = config.leader().enabled();
    }

    void startElection(@Observes StartupEvent startup) {
        if (electing) {
            election.start();
        }
    }

    // The first pass waits one tick: the channels its emitter needs are still being connected at start-up.
    @Scheduled(identity = "rotor-cadence", every = "${rotor.scheduler.tick:30s}", delayed = "${rotor.scheduler.tick:30s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void tick() {
        boolean leading = !electing || election.isLeader();
        if (!view.caughtUp()) {
            // A terminal event not read yet would make a rotation look overdue: releases wait for the view too.
            LOG.debugf("Scheduling pass skipped: %s", view.pendingDescription());
            return;
        }
        // Every instance releases overdue rotations in its own view, so that its plan and limits agree with the leader's.
        overdue.release(leading);
        if (!leading) {
            engine.standBy();
            return;
        }
        engine.tick();
    }
}
