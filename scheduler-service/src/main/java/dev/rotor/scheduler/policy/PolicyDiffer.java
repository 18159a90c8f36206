package dev.rotor.scheduler.policy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.policy.PolicyDiff.FieldChange;
import dev.rotor.scheduler.policy.PolicyDiff.SecretChange;
import dev.rotor.target.Strategy;

/** Compares two matrices, and what they make of every registered secret. Emits nothing. */
public final class PolicyDiffer {

    private PolicyDiffer() {
    }

    /** @param before null when no policy is in force */
    public static PolicyDiff diff(RotationMatrix before, RotationMatrix after, Collection<ManagedSecret> secrets) {
        RotationMatrix was = before == null ? PolicyBook.NO_POLICY : before;
        return new PolicyDiff(after.name(), before == null ? null : before.revision(), after.revision(),
                fields("", was.limits(), after.limits()),
                added(was.classes(), after.classes()), added(after.classes(), was.classes()), changed(was.classes(), after.classes()),
                added(was.secrets(), after.secrets()), added(after.secrets(), was.secrets()), changed(was.secrets(), after.secrets()),
                secrets.stream()
                        .map(secret -> new SecretChange(secret.id(), governed(was.resolve(secret), after.resolve(secret))))
                        .filter(change -> !change.changes().isEmpty())
                        .sorted(java.util.Comparator.comparing(SecretChange::secretId))
                        .toList());
    }

    /** The fields a secret's registration carries for the audit (secret.registry): what changes there is re-published. */
    static List<FieldChange> governed(EffectivePolicy before, EffectivePolicy after) {
        List<FieldChange> changes = new ArrayList<>();
        compare(changes, "class", before.secretClass(), after.secretClass());
        compare(changes, "owner", before.owner(), after.owner());
        compare(changes, "contact", before.contact(), after.contact());
        compare(changes, "cadence", before.cadence(), after.cadence());
        compare(changes, "maxAge", before.cadence().maxAge(), after.cadence().maxAge());
        compare(changes, "exemption", before.exemption(), after.exemption());
        compare(changes, "strategy", before.strategy(), after.strategy());
        return changes;
    }

    private static <T> List<String> added(Map<String, T> from, Map<String, T> to) {
        return to.keySet().stream().filter(name -> !from.containsKey(name)).sorted().toList();
    }

    private static <T extends Record> Map<String, List<FieldChange>> changed(Map<String, T> before, Map<String, T> after) {
        Map<String, List<FieldChange>> changed = new TreeMap<>();
        before.forEach((name, was) -> Optional.ofNullable(after.get(name))
                .map(now -> fields("", was, now))
                .filter(changes -> !changes.isEmpty())
                .ifPresent(changes -> changed.put(name, changes)));
        return changed;
    }

    private static List<FieldChange> fields(String prefix, Record before, Record after) {
        List<FieldChange> changes = new ArrayList<>();
        for (RecordComponent component : before.getClass().getRecordComponents()) {
            compare(changes, prefix + component.getName(), value(component, before), value(component, after));
        }
        return changes;
    }

    private static Object value(RecordComponent component, Record record) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read " + component.getName() + " of " + record.getClass().getSimpleName(), e);
        }
    }

    private static void compare(List<FieldChange> changes, String field, Object before, Object after) {
        String was = text(before);
        String now = text(after);
        if (!Objects.equals(was, now)) {
            changes.add(new FieldChange(field, was, now));
        }
    }

    /** How people write it in the policy file; null where nothing is set. */
    static String text(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Optional<?> optional) {
            return optional.map(PolicyDiffer::text).orElse(null);
        }
        if (value instanceof List<?> list) {
            return list.isEmpty() ? null : list.stream().map(PolicyDiffer::text).collect(Collectors.joining("; "));
        }
        if (value instanceof Integer number && number == Integer.MAX_VALUE) {
            return "unlimited";
        }
        if (value instanceof Cadence cadence) {
            return cadence.text();
        }
        if (value instanceof RotationWindow window) {
            return window.days().stream().map(d -> d.getDisplayName(TextStyle.SHORT, Locale.ROOT)).collect(Collectors.joining(","))
                    + " " + window.start() + "-" + window.end() + " " + window.zone();
        }
        if (value instanceof Exemption exemption) {
            return exemption.secretPattern() + " until " + exemption.until() + " (" + exemption.reason() + ")";
        }
        if (value instanceof Strategy strategy) {
            return strategy.id();
        }
        if (value instanceof Rollout rollout) {
            return rollout.equals(Rollout.ALL_AT_ONCE) ? "all at once" : "canary " + rollout.canary() + ", batches of "
                    + rollout.batchSize() + ", breaker at " + Math.round(rollout.breakerFailureRate() * 100) + "% once "
                    + rollout.breakerMinEnded() + " ended";
        }
        return value.toString();
    }
}
