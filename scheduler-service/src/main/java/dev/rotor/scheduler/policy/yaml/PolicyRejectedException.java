package dev.rotor.scheduler.policy.yaml;

import java.util.List;

/** A policy file with mistakes, every one of them listed; the file was rejected whole and nothing was applied. */
public class PolicyRejectedException extends RuntimeException {

    private final String source;
    private final transient List<PolicyViolation> violations;

    public PolicyRejectedException(String source, List<PolicyViolation> violations) {
        super("Policy " + source + " rejected whole, nothing was applied: " + violations.size()
                + (violations.size() == 1 ? " mistake" : " mistakes") + " (fix every one, then apply again)");
        this.source = source;
        this.violations = List.copyOf(violations);
    }

    public String source() {
        return source;
    }

    public List<PolicyViolation> violations() {
        return violations;
    }

    /** One line per mistake, {@code file:line: field: message}. */
    public List<String> lines() {
        return violations.stream().map(v -> v.format(source)).toList();
    }
}
