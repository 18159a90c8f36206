package dev.rotor.stack.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/** The demo's closing report: per secret, the store versions, the outcome and how long each step took. */
final class DemoReport {

    private DemoReport() {
    }

    record Row(String secretId, int versionBefore, int versionAfter, JsonNode timeline) {
    }

    static void print(List<Row> rows) {
        System.out.println();
        System.out.printf("%-32s %-9s %-20s %s%n", "SECRET", "VERSION", "OUTCOME", "STEPS (time since the previous step)");
        for (Row row : rows) {
            System.out.printf("%-32s %-9s %-20s %s%n", row.secretId(), row.versionBefore() + " -> " + row.versionAfter(),
                    row.timeline().get("terminal").asText(), steps(row.timeline()));
        }
    }

    static void printNextSteps(String secretId, DemoEnvironment env) {
        System.out.println();
        System.out.println("Look further (every API wants a token: the demo had its own, yours comes from ./rotor login):");
        System.out.println("  ./rotor login --as $USER --roles viewer,auditor   a token for 8 hours, in .rotor/token");
        System.out.println("  " + env.auditUrl() + "/   the status page: staleness, outcomes, timelines (sign in with the token)");
        System.out.println("  ./rotor status                       every secret's status");
        System.out.println("  ./rotor status " + secretId + "   one secret");
        // The token in a header file from printf, a shell builtin: never on curl's command line, where ps shows it.
        System.out.println("  curl -H @<(printf 'Authorization: Bearer %s' \"$(<.rotor/token)\") " + env.auditUrl()
                + "/api/rotations/<rotationId>   a rotation's timeline");
        System.out.println("  kcat -b " + env.kafka() + " -C -t rotation.audit -e   the SIEM stream (JSON)");
        System.out.println("  ./rotor audit verify                 check the SIEM stream's hash chain");
        System.out.println("  ./rotor policy diff deploy/policies/rotation-matrix.yaml   what a rotation matrix would change");
        System.out.println("  ./rotor logs rotator-service         what the rotator did");
        System.out.println("Stop everything with ./rotor down (data stays in .rotor/; ./rotor reset deletes it).");
    }

    private static String steps(JsonNode timeline) {
        List<String> steps = new ArrayList<>();
        Instant previous = null;
        for (JsonNode event : timeline.get("events")) {
            Instant at = Instant.parse(event.get("occurredAt").asText());
            String name = event.get("type").asText();
            steps.add(previous == null ? name : name + " +" + Duration.between(previous, at).toMillis() + "ms");
            previous = at;
        }
        return String.join(", ", steps);
    }
}
