package dev.rotor.scheduler.rest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.rotor.scheduler.policy.PolicyDiff.FieldChange;

/** The policy answers as ./rotor policy show|diff|apply prints them: one line a change, then how many. */
final class PolicyText {

    private static final int SHORT_REVISION = 12;

    private PolicyText() {
    }

    /** A YAML comment, then the document: the output can be saved and applied again as it is. */
    static String of(PolicyResource.Current current) {
        String document = current.document();
        return "# policy " + current.policy() + ", revision " + shortRevision(current.revision()) + ", applied by " + current.appliedBy()
                + " at " + TextTable.cell(current.appliedAt()) + " from " + TextTable.cell(current.sourceFile()) + "\n"
                + document + (document.endsWith("\n") ? "" : "\n");
    }

    static String of(PolicyResource.Applied applied) {
        String policy = applied.policy() + " revision " + shortRevision(applied.revision());
        String by = "by " + applied.appliedBy() + " at " + TextTable.cell(applied.appliedAt()) + " from " + TextTable.cell(applied.sourceFile());
        return (applied.unchanged() ? "unchanged: " + policy + " is already in force, applied " + by : "applied " + policy + " " + by)
                + "\n" + of(applied.changes());
    }

    static String of(PolicyResource.Changes changes) {
        List<String> rules = new ArrayList<>();
        changes.limits().forEach(change -> rules.add("limits." + change.field() + ": " + values(change)));
        changes.classesAdded().forEach(name -> rules.add("+ class " + name));
        changes.classesRemoved().forEach(name -> rules.add("- class " + name));
        fieldLines("class ", changes.classesChanged(), rules);
        changes.secretEntriesAdded().forEach(name -> rules.add("+ secret entry " + name));
        changes.secretEntriesRemoved().forEach(name -> rules.add("- secret entry " + name));
        fieldLines("secret entry ", changes.secretEntriesChanged(), rules);
        StringBuilder text = new StringBuilder("revision " + shortRevision(changes.revisionBefore()) + " -> "
                + shortRevision(changes.revisionAfter()) + "\n");
        rules.forEach(rule -> text.append(rule).append('\n'));
        changes.secrets().forEach(secret -> text.append(secret.secretId()).append(": ")
                .append(secret.changes().stream().map(PolicyText::line).collect(Collectors.joining(", ")))
                .append('\n'));
        text.append(rules.size()).append(" rule change(s), ").append(changes.secretsChanged()).append(" secret(s) changed");
        if (changes.note() != null) {
            text.append(" (").append(changes.note()).append(')');
        }
        return text.append('\n').toString();
    }

    private static void fieldLines(String prefix, Map<String, List<FieldChange>> changed, List<String> lines) {
        changed.forEach((name, fields) -> fields.forEach(change -> lines.add(prefix + name + ": " + line(change))));
    }

    private static String line(FieldChange change) {
        return change.field() + " " + values(change);
    }

    private static String values(FieldChange change) {
        return orUnset(change.before()) + " -> " + orUnset(change.after());
    }

    private static String orUnset(String value) {
        return value == null ? "unset" : value;
    }

    private static String shortRevision(String revision) {
        return revision == null ? "none" : revision.substring(0, Math.min(SHORT_REVISION, revision.length()));
    }
}
