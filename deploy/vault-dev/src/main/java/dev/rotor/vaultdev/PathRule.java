package dev.rotor.vaultdev;

import java.util.EnumSet;
import java.util.Set;

/**
 * One {@code path "<pattern>" { capabilities = [...] }} block. A trailing {@code *} makes the
 * pattern a prefix; a {@code +} segment matches exactly one path segment. Vault keeps only
 * {@code deny} when it is listed with other capabilities, and so does this.
 */
record PathRule(String pattern, Set<Capability> capabilities) {

    PathRule {
        EnumSet<Capability> granted = EnumSet.noneOf(Capability.class);
        granted.addAll(capabilities);
        capabilities = granted.contains(Capability.DENY) ? EnumSet.of(Capability.DENY) : granted;
    }

    boolean isPrefix() {
        return pattern.endsWith("*");
    }

    /** The pattern without its trailing glob. */
    String base() {
        return isPrefix() ? pattern.substring(0, pattern.length() - 1) : pattern;
    }

    boolean hasSegmentWildcards() {
        return pattern.contains("+");
    }

    /** Vault's merge of the same pattern across blocks and policies: union, unless either side denies. */
    PathRule mergedWith(PathRule other) {
        if (capabilities.contains(Capability.DENY) || other.capabilities.contains(Capability.DENY)) {
            return new PathRule(pattern, EnumSet.of(Capability.DENY));
        }
        EnumSet<Capability> union = EnumSet.noneOf(Capability.class);
        union.addAll(capabilities);
        union.addAll(other.capabilities);
        return new PathRule(pattern, union);
    }
}
