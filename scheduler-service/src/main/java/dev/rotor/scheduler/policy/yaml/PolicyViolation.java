package dev.rotor.scheduler.policy.yaml;

/** One mistake in a policy file: the line (1-based), the field at fault (dotted path) and what is wrong and what to do. */
public record PolicyViolation(int line, String field, String message) {

    /** As compilers print it, so that editors can jump to it: {@code rotation-matrix.yaml:12: classes.database.cadence: ...}. */
    public String format(String source) {
        return source + ":" + line + ": " + field + ": " + message;
    }
}
