package dev.rotor.scheduler.policy;

import java.util.List;
import java.util.Map;

/**
 * What applying a matrix changes, compared with the one in force: limits, classes and secret entries
 * field by field, and each registered secret whose effective class, owner, contact, cadence, maximum
 * age or exemption changes. {@code revisionBefore} is null when no policy was in force.
 */
public record PolicyDiff(
        String policyName,
        String revisionBefore,
        String revisionAfter,
        List<FieldChange> limits,
        List<String> classesAdded,
        List<String> classesRemoved,
        Map<String, List<FieldChange>> classesChanged,
        List<String> secretEntriesAdded,
        List<String> secretEntriesRemoved,
        Map<String, List<FieldChange>> secretEntriesChanged,
        List<SecretChange> secrets) {

    /** One field, as people read it; null where it is not set. */
    public record FieldChange(String field, String before, String after) {
    }

    public record SecretChange(String secretId, List<FieldChange> changes) {
    }

    public boolean rulesUnchanged() {
        return limits.isEmpty() && classesAdded.isEmpty() && classesRemoved.isEmpty() && classesChanged.isEmpty()
                && secretEntriesAdded.isEmpty() && secretEntriesRemoved.isEmpty() && secretEntriesChanged.isEmpty();
    }
}
