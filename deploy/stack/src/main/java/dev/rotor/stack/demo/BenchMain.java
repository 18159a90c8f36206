package dev.rotor.stack.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * {@code ./rotor bench [count]}: against a running stack, rotates {@code count} different PostgreSQL
 * roles (default 200) at once and reports throughput and end-to-end latency (request to terminal
 * event, as the audit timeline records them). A measurement, not a test: nothing is asserted.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        DemoEnvironment env = DemoEnvironment.fromEnv();
        RotorApi api = new RotorApi(env, "bench");
        String run = Long.toString(Instant.now().getEpochSecond(), 36);

        System.out.println("Preparing " + count + " roles...");
        List<String> secretIds = prepare(api, run, count);

        System.out.println("Requesting " + count + " rotations...");
        Instant start = Instant.now();
        Map<String, String> rotations = new LinkedHashMap<>();
        for (String secretId : secretIds) {
            rotations.put(api.requestRotation(secretId), secretId);
        }
        List<Long> latencies = new ArrayList<>();
        Map<String, Integer> outcomes = new LinkedHashMap<>();
        Instant lastEnd = start;
        for (String rotationId : rotations.keySet()) {
            JsonNode timeline = api.awaitTerminal(rotationId, Duration.ofMinutes(10));
            JsonNode events = timeline.get("events");
            Instant requested = Instant.parse(events.get(0).get("occurredAt").asText());
            Instant ended = Instant.parse(events.get(events.size() - 1).get("occurredAt").asText());
            latencies.add(Duration.between(requested, ended).toMillis());
            outcomes.merge(timeline.get("terminal").asText(), 1, Integer::sum);
            lastEnd = ended.isAfter(lastEnd) ? ended : lastEnd;
        }
        double seconds = Duration.between(start, lastEnd).toMillis() / 1000.0;
        latencies.sort(Long::compare);
        System.out.printf("%d rotations in %.1f s: %.1f rotations/s; outcomes %s%n", count, seconds, count / seconds, outcomes);
        System.out.printf("end-to-end (RotationRequested -> terminal): p50 %d ms, p95 %d ms, max %d ms%n",
                percentile(latencies, 50), percentile(latencies, 95), latencies.get(latencies.size() - 1));
    }

    private static List<String> prepare(RotorApi api, String run, int count) throws Exception {
        PostgresDemo postgres = new PostgresDemo();
        List<String> secretIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            DemoTarget.Login role = new DemoTarget.Login("bench_" + run + "_" + i, DemoPasswords.initial());
            String secretId = "bench/" + run + "/" + i;
            postgres.createAccount(role);
            api.manage(secretId, "database", "bench", postgres, role, "single-user", Map.of());
            secretIds.add(secretId);
        }
        return secretIds;
    }

    private static long percentile(List<Long> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }
}
