package dev.rotor.scheduler.bench;

import java.time.Duration;

import dev.rotor.scheduler.schedule.SchedulingBenchmarkRun;

/**
 * Not a test: time per scheduling tick with 100,000 managed secrets (nothing due; 1% due) and the heap
 * the engine holds. Run with
 * {@code mvn -B -ntp -o -pl scheduler-service test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.rotor.scheduler.bench.SchedulingBenchmark}
 * (figures in the README).
 */
public final class SchedulingBenchmark {

    private SchedulingBenchmark() {
    }

    public static void main(String[] args) {
        int secrets = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        SchedulingBenchmarkRun.run(secrets, Duration.ofDays(30));
    }
}
