package dev.rotor.scheduler.schedule;

import java.time.Duration;
import java.util.List;

import dev.rotor.scheduler.domain.RotationEnded.Outcome;
import dev.rotor.scheduler.domain.RotationRequest;

/** The benchmark's body, in the engine's package to reach its fixture. */
public final class SchedulingBenchmarkRun {

    private static final int TICKS = 50;

    private SchedulingBenchmarkRun() {
    }

    public static void run(int secrets, Duration cadence) {
        long heapBefore = usedHeap();
        EngineFixture f = new EngineFixture();
        // Due times spread evenly over the next cadence: none due now.
        for (int i = 0; i < secrets; i++) {
            Duration notDueFor = cadence.multipliedBy(i + 1).dividedBy(secrets + 1L);
            f.register("db/s" + i, "class" + (i % 3), "host" + (i % 200), notDueFor.negated());
        }
        long start = System.nanoTime();
        f.engine.tick();
        double firstMs = (System.nanoTime() - start) / 1e6;
        long heapEngine = usedHeap() - heapBefore;

        double idleMs = average(f);
        // 1% of the secrets become due: move the clock to just past the first 1% of due times.
        f.clock.advance(cadence.dividedBy(100));
        start = System.nanoTime();
        f.engine.tick();
        double dueMs = (System.nanoTime() - start) / 1e6;
        List<RotationRequest> started = List.copyOf(f.published.requests);
        started.forEach(r -> f.end(r, Outcome.COMPLETED, false));
        double afterMs = average(f);

        System.out.printf("secrets=%d%n", secrets);
        System.out.printf("first tick (builds the index of all secrets): %.1f ms%n", firstMs);
        System.out.printf("tick, nothing due (mean of %d): %.3f ms%n", TICKS, idleMs);
        System.out.printf("tick, 1%% due (%d requests published to an in-memory publisher): %.1f ms%n", started.size(), dueMs);
        System.out.printf("tick after those completed (recomputes %d entries, then nothing due; mean of %d): %.3f ms%n", started.size(),
                TICKS, afterMs);
        System.out.printf("heap held by registry + ledger + index (approx., after GC): %.1f MiB%n", heapEngine / 1048576.0);
    }

    private static double average(EngineFixture f) {
        long total = 0;
        for (int i = 0; i < TICKS; i++) {
            long start = System.nanoTime();
            f.engine.tick();
            total += System.nanoTime() - start;
        }
        return total / 1e6 / TICKS;
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }
}
