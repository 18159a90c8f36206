package dev.rotor.scheduler.config;

import java.time.Duration;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.rotor.target.TargetKinds;
import dev.rotor.target.Timeouts;

/** The target kinds registrations are checked against. The scheduler never logs in, so the timeouts are never used. */
class TargetKindsProducer {

    @Produces
    @Singleton
    TargetKinds kinds() {
        return TargetKinds.all(Timeouts.of(Duration.ofSeconds(5)));
    }
}
