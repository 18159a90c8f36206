package dev.rotor.scheduler.policy.yaml;

import java.util.Set;

import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * Walks the whole document before anything else reads it: a policy holds names and rules, never
 * values, so a credential key or a credential-shaped value anywhere rejects the file. Messages name
 * the shape, never the value: the file may be pasted into a chat, but the answer must not carry a secret.
 */
final class CredentialScan {

    /** Maps keyed by names (a class called api-key, a secret called api/token-service), not by fields. */
    private static final Set<String> NAMED_ENTRIES = Set.of("classes", "secrets");
    private static final String WHAT_TO_DO = "keep credentials in Vault; a policy names owners, cadences and rules, never values";

    private CredentialScan() {
    }

    static void scan(Node node, String path, Problems problems) {
        if (node instanceof MappingNode mapping) {
            for (NodeTuple tuple : mapping.getValue()) {
                String key = tuple.getKeyNode() instanceof ScalarNode scalar ? scalar.getValue() : "?";
                String field = path.isEmpty() ? key : path + "." + key;
                if (!NAMED_ENTRIES.contains(path) && SecretValueGuard.isCredentialKey(key)) {
                    problems.add(tuple.getKeyNode(), field, "a credential field has no place in a policy: remove it; " + WHAT_TO_DO);
                }
                scanValue(tuple.getKeyNode(), field, problems);
                scan(tuple.getValueNode(), field, problems);
            }
        } else if (node instanceof SequenceNode sequence) {
            for (int i = 0; i < sequence.getValue().size(); i++) {
                scan(sequence.getValue().get(i), path + "[" + i + "]", problems);
            }
        } else {
            scanValue(node, path, problems);
        }
    }

    private static void scanValue(Node node, String field, Problems problems) {
        if (node instanceof ScalarNode scalar) {
            SecretValueGuard.credentialShape(scalar.getValue()).ifPresent(shape ->
                    problems.add(node, field, "the value looks like " + shape + ": refused; " + WHAT_TO_DO));
        }
    }
}
