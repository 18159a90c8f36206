package dev.rotor.scheduler.policy.yaml;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.yaml.snakeyaml.nodes.Node;

/** Every mistake found in one file, so that one apply shows them all rather than one per attempt. */
final class Problems {

    private final List<PolicyViolation> found = new ArrayList<>();

    void add(Node at, String field, String message) {
        add(at.getStartMark().getLine() + 1, field, message);
    }

    void add(int line, String field, String message) {
        found.add(new PolicyViolation(line, field, message));
    }

    boolean any() {
        return !found.isEmpty();
    }

    List<PolicyViolation> sorted() {
        return found.stream().sorted(Comparator.comparingInt(PolicyViolation::line).thenComparing(PolicyViolation::field)).toList();
    }
}
