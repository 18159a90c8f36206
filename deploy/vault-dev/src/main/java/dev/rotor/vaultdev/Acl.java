package dev.rotor.vaultdev;

import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The access a set of policies gives, decided as Vault's ACL does (vault/acl.go). All policies
 * are merged first: the same pattern in two policies (or two blocks) unions its capabilities,
 * unless one denies, and then only deny is kept. Then one rule decides a path: an exact pattern
 * if there is one; otherwise the highest-priority of the longest matching glob and every
 * matching {@code +} pattern. The capabilities of lower-priority matches are not added.
 */
final class Acl {

    /**
     * Vault's order among matching non-exact patterns, lowest first: the first {@code +} or
     * {@code *} later wins, then a non-glob over a glob, then fewer {@code +} segments, then the
     * longer pattern, then the lexicographically greater one.
     */
    private static final Comparator<Candidate> PRIORITY = Comparator
            .comparingInt(Candidate::firstWildcard)
            .thenComparing(candidate -> !candidate.rule().isPrefix())
            .thenComparing(Comparator.comparingInt(Candidate::wildcardSegments).reversed())
            .thenComparingInt(candidate -> candidate.rule().base().length())
            .thenComparing(candidate -> candidate.rule().base());

    private final Map<String, PathRule> rules = new LinkedHashMap<>();

    Acl(Collection<Policy> policies) {
        for (Policy policy : policies) {
            for (PathRule rule : policy.rules()) {
                rules.merge(rule.pattern(), rule, PathRule::mergedWith);
            }
        }
    }

    /**
     * @param list LIST requests end in a slash; as in Vault (since 1.15 also for wildcard
     *             patterns), a pattern written without it matches them too
     * @return what the deciding rule grants; empty when no rule matches
     */
    Set<Capability> granted(String path, boolean list) {
        Optional<PathRule> rule = decidingRule(path);
        if (rule.isEmpty() && list && path.endsWith("/")) {
            rule = decidingRule(path.substring(0, path.length() - 1));
        }
        return rule.map(PathRule::capabilities).orElse(Set.of());
    }

    boolean allows(String path, boolean list, Capability needed) {
        Set<Capability> granted = granted(path, list);
        return !granted.contains(Capability.DENY) && granted.contains(needed);
    }

    /** What {@code sys/capabilities-self} answers for a non-root token: sorted names, or "deny". */
    List<String> capabilityNames(String path) {
        Set<Capability> granted = granted(path, false);
        if (granted.isEmpty() || granted.contains(Capability.DENY)) {
            return List.of(Capability.DENY.hclName());
        }
        return granted.stream().map(Capability::hclName).sorted().toList();
    }

    /**
     * Vault's hasMountAccess, for sys/internal/ui/mounts: the mount path itself is allowed, or
     * some rule below it grants something other than deny.
     */
    boolean grantsAnythingUnder(String mountPath) {
        if (!capabilityNames(mountPath).contains(Capability.DENY.hclName())) {
            return true;
        }
        return rules.values().stream().anyMatch(rule -> rule.pattern().startsWith(mountPath)
                && !rule.capabilities().isEmpty() && !rule.capabilities().contains(Capability.DENY));
    }

    private Optional<PathRule> decidingRule(String path) {
        PathRule exact = rules.get(path);
        if (exact != null && !exact.isPrefix() && !exact.hasSegmentWildcards()) {
            return Optional.of(exact);
        }
        Candidate longestGlob = null;
        Candidate best = null;
        String[] segments = path.split("/", -1);
        for (PathRule rule : rules.values()) {
            if (rule.hasSegmentWildcards()) {
                Candidate candidate = segmentMatch(rule, segments);
                if (candidate != null && (best == null || PRIORITY.compare(candidate, best) > 0)) {
                    best = candidate;
                }
            } else if (rule.isPrefix() && path.startsWith(rule.base())
                    && (longestGlob == null || rule.base().length() > longestGlob.rule().base().length())) {
                longestGlob = new Candidate(rule, rule.base().length(), 0);
            }
        }
        // Vault looks only at the longest plain glob (a radix tree's longest prefix), then ranks it with the + patterns.
        if (longestGlob != null && (best == null || PRIORITY.compare(longestGlob, best) > 0)) {
            best = longestGlob;
        }
        return Optional.ofNullable(best).map(Candidate::rule);
    }

    /** Vault's segment walk: {@code +} takes any one segment; a glob's last segment may be a prefix. */
    private static Candidate segmentMatch(PathRule rule, String[] pathSegments) {
        String[] patternSegments = rule.base().split("/", -1);
        if (pathSegments.length < patternSegments.length
                || !rule.isPrefix() && pathSegments.length != patternSegments.length) {
            return null;
        }
        int wildcards = 0;
        for (int i = 0; i < patternSegments.length; i++) {
            String expected = patternSegments[i];
            boolean last = i == patternSegments.length - 1;
            if (expected.equals("+")) {
                wildcards++;
            } else if (!expected.equals(pathSegments[i])
                    && !(rule.isPrefix() && last && pathSegments[i].startsWith(expected))) {
                return null;
            }
        }
        return new Candidate(rule, rule.pattern().indexOf('+'), wildcards);
    }

    private record Candidate(PathRule rule, int firstWildcard, int wildcardSegments) {
    }
}
