package dev.rotor.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The four services running against the stack, a view of the lifecycle topics, and a way to drive rotations. */
abstract class EndToEndTest {

    static RotorServices services;
    static LifecycleLog log;
    static Rotations rotations;

    @BeforeAll
    static void startServices() {
        services = RotorServices.start();
        log = new LifecycleLog();
        rotations = new Rotations(services, log);
    }

    @AfterAll
    static void closeLog() throws InterruptedException {
        log.close();
    }
}
