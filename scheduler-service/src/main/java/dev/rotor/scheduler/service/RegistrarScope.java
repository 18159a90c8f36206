package dev.rotor.scheduler.service;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.json.JsonString;

/**
 * The owners and classes a registrar may register secrets for, as its token's {@value #OWNERS_CLAIM} and
 * {@value #CLASSES_CLAIM} claims name them. Each entry is a name, or a prefix ending in {@code *} ({@code team-*}
 * covers team-orders); {@code *} anywhere else is an ordinary character.
 */
public record RegistrarScope(Set<String> owners, Set<String> classes) {

    public static final String OWNERS_CLAIM = "rotor_owners";
    public static final String CLASSES_CLAIM = "rotor_classes";

    /** What an absent claim grants: every owner, or every class. */
    private static final Set<String> ANY = Set.of("*");

    public RegistrarScope {
        owners = Set.copyOf(owners);
        classes = Set.copyOf(classes);
    }

    /**
     * The scope the claims' values grant, as the token library hands them over: a {@link jakarta.json.JsonArray}
     * (SmallRye JWT's type for a custom claim) or a collection of strings. An absent claim leaves its dimension
     * unrestricted, so that a deployment whose identity provider does not scope registrars keeps working as before
     * (SECURITY.md names this default). A claim that is there but is not a list of names grants nothing: its issuer
     * meant to restrict, and a claim that cannot be read must not turn into no restriction at all.
     */
    public static RegistrarScope fromClaims(Object owners, Object classes) {
        return new RegistrarScope(names(owners), names(classes));
    }

    public boolean permits(String owner, String secretClass) {
        return permitsOwner(owner) && permitsClass(secretClass);
    }

    public boolean permitsOwner(String owner) {
        return covers(owners, owner);
    }

    public boolean permitsClass(String secretClass) {
        return covers(classes, secretClass);
    }

    /** For messages: e.g. {@code owners [payments, team-*], classes [*]}. */
    public String describe() {
        return "owners " + new TreeSet<>(owners) + ", classes " + new TreeSet<>(classes);
    }

    private static boolean covers(Set<String> entries, String name) {
        return entries.stream().anyMatch(entry -> entry.endsWith("*")
                ? name.startsWith(entry.substring(0, entry.length() - 1))
                : name.equals(entry));
    }

    private static Set<String> names(Object claim) {
        if (claim == null) {
            return ANY;
        }
        // A JsonArray is a list of JsonValues: both shapes are collections.
        if (!(claim instanceof Collection<?> values)
                || !values.stream().allMatch(value -> value instanceof String || value instanceof JsonString)) {
            return Set.of();
        }
        return values.stream().map(value -> value instanceof JsonString json ? json.getString() : (String) value)
                .collect(Collectors.toUnmodifiableSet());
    }
}
