package dev.rotor.scheduler.policy.yaml;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Reads one YAML mapping of a policy file, reporting each mistake with its line and dotted field path
 * and carrying on, so that the whole file is checked in one pass. Absent or wrong fields read as empty.
 */
final class MappingReader {

    private static final int MAX_SUGGESTION_DISTANCE = 3;

    private final String path;
    private final Problems problems;
    /** Where a missing key is reported: the line naming this mapping (its parent's key), else its first key. */
    private int missingKeyLine;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Node> keys = new LinkedHashMap<>();

    private MappingReader(MappingNode node, String path, Problems problems) {
        this.path = path;
        this.problems = problems;
        for (NodeTuple tuple : node.getValue()) {
            if (!(tuple.getKeyNode() instanceof ScalarNode key)) {
                problems.add(tuple.getKeyNode(), path, "keys must be plain names, not lists or maps");
                continue;
            }
            if (values.containsKey(key.getValue())) {
                problems.add(key, field(key.getValue()), "duplicate key (first on line " + line(key.getValue())
                        + "): the later one would silently win; keep one");
                continue;
            }
            values.put(key.getValue(), tuple.getValueNode());
            keys.put(key.getValue(), key);
        }
        missingKeyLine = node.getStartMark().getLine() + 1;
    }

    /** The mapping at {@code node}, or empty (and a problem) if it is something else. */
    static Optional<MappingReader> of(Node node, String path, Problems problems, String example) {
        if (node instanceof MappingNode mapping) {
            return Optional.of(new MappingReader(mapping, path, problems));
        }
        problems.add(node, path, "must be a map of keys to values, like " + example);
        return Optional.empty();
    }

    /** The mapping under {@code key}, if it is one; its missing keys are reported at {@code key}'s line. */
    Optional<MappingReader> child(String key, String example) {
        if (values.containsKey(key) && node(key).isEmpty()) {
            problems.add(keys.get(key), field(key), "is empty: give it keys, like " + example + ", or remove it");
        }
        return node(key).flatMap(node -> of(node, field(key), problems, example)).map(child -> {
            child.missingKeyLine = keys.get(key).getStartMark().getLine() + 1;
            return child;
        });
    }

    /** Unknown keys are mistakes: a typo must not silently drop a rule. Credential keys are already reported by the scan. */
    MappingReader allowOnly(Set<String> allowed) {
        keys.forEach((name, key) -> {
            if (!allowed.contains(name) && !SecretValueGuard.isCredentialKey(name)) {
                String suggestion = closest(name, allowed).map(s -> "did you mean '" + s + "'? ").orElse("");
                problems.add(key, field(name), "unknown key: " + suggestion + "allowed here: "
                        + allowed.stream().sorted().toList());
            }
        });
        return this;
    }

    Map<String, Node> entries() {
        return values;
    }

    Node keyNode(String key) {
        return keys.get(key);
    }

    String field(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    Optional<Node> node(String key) {
        return Optional.ofNullable(values.get(key)).filter(n -> n.getTag() != Tag.NULL);
    }

    Optional<String> text(String key, String what) {
        Optional<Node> node = node(key);
        if (node.isEmpty()) {
            return Optional.empty();
        }
        if (!(node.get() instanceof ScalarNode scalar)) {
            problems.add(node.get(), field(key), "must be a single value: " + what);
            return Optional.empty();
        }
        if (scalar.getValue().isBlank()) {
            problems.add(scalar, field(key), "must not be blank: " + what);
            return Optional.empty();
        }
        return Optional.of(scalar.getValue().trim());
    }

    Optional<String> requiredText(String key, String what) {
        if (node(key).isEmpty()) {
            problems.add(missingKeyLine, field(key), "required: " + what);
            return Optional.empty();
        }
        return text(key, what);
    }

    Optional<Integer> atLeast(String key, int min, String what) {
        return text(key, what).flatMap(text -> {
            try {
                int value = Integer.parseInt(text);
                if (value >= min) {
                    return Optional.of(value);
                }
            } catch (NumberFormatException e) {
                // Reported below, with what a valid value looks like.
            }
            problems.add(values.get(key), field(key), "must be a whole number of at least " + min + ": " + what);
            return Optional.empty();
        });
    }

    Optional<Double> fraction(String key, String what) {
        return text(key, what).flatMap(text -> {
            try {
                double value = Double.parseDouble(text.endsWith("%") ? text.substring(0, text.length() - 1) : text);
                double fraction = text.endsWith("%") ? value / 100 : value;
                if (fraction >= 0 && fraction <= 1) {
                    return Optional.of(fraction);
                }
            } catch (NumberFormatException e) {
                // Reported below, with what a valid value looks like.
            }
            problems.add(values.get(key), field(key), "must be a fraction from 0 to 1, or a percentage: " + what);
            return Optional.empty();
        });
    }

    Optional<Boolean> bool(String key, String what) {
        return text(key, what).flatMap(text -> switch (text.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> Optional.of(true);
            case "false", "no", "off" -> Optional.of(false);
            default -> {
                problems.add(values.get(key), field(key), "must be yes or no (true/false): " + what);
                yield Optional.empty();
            }
        });
    }

    /** A non-negative ISO-8601 duration (PT30M); months and years are refused, they have no fixed length. */
    Optional<Duration> duration(String key, String what) {
        return text(key, what).flatMap(text -> {
            try {
                Duration duration = Duration.parse(text);
                if (!duration.isNegative()) {
                    return Optional.of(duration);
                }
            } catch (DateTimeParseException e) {
                // Reported below, with what a valid value looks like.
            }
            problems.add(values.get(key), field(key), "must be an ISO-8601 duration such as PT30M or PT2H: " + what);
            return Optional.empty();
        });
    }

    /** A single value or a list of values. */
    List<ScalarNode> scalars(String key, String what) {
        Optional<Node> node = node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        List<Node> items = node.get() instanceof SequenceNode sequence ? sequence.getValue() : List.of(node.get());
        List<ScalarNode> scalars = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            if (items.get(i) instanceof ScalarNode scalar && !scalar.getValue().isBlank()) {
                scalars.add(scalar);
            } else {
                problems.add(items.get(i), field(key) + "[" + i + "]", "must be a single value: " + what);
            }
        }
        return scalars;
    }

    /** The items of a list, each with its field path. */
    List<Map.Entry<String, Node>> items(String key, String example) {
        Optional<Node> node = node(key);
        if (node.isEmpty()) {
            return List.of();
        }
        if (!(node.get() instanceof SequenceNode sequence)) {
            problems.add(node.get(), field(key), "must be a list, like " + example);
            return List.of();
        }
        List<Map.Entry<String, Node>> items = new ArrayList<>();
        for (int i = 0; i < sequence.getValue().size(); i++) {
            items.add(Map.entry(field(key) + "[" + i + "]", sequence.getValue().get(i)));
        }
        return items;
    }

    int line(String key) {
        Node node = values.get(key);
        return node == null ? missingKeyLine : node.getStartMark().getLine() + 1;
    }

    private static Optional<String> closest(String name, Set<String> allowed) {
        return allowed.stream()
                .map(candidate -> Map.entry(candidate, distance(name.toLowerCase(java.util.Locale.ROOT),
                        candidate.toLowerCase(java.util.Locale.ROOT))))
                .filter(e -> e.getValue() <= MAX_SUGGESTION_DISTANCE)
                .min(Comparator.comparingInt(Map.Entry::getValue))
                .map(Map.Entry::getKey);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
