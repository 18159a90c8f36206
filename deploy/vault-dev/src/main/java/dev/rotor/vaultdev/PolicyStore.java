package dev.rotor.vaultdev;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Vault's ACL policy store: named HCL policies kept with the rest of the state, the built-in
 * {@code root} (everything, never stored, never changed) and {@code default} (seeded, may be
 * changed, never deleted). Names are lower-cased, as Vault does.
 */
final class PolicyStore {

    static final String ROOT = "root";
    static final String DEFAULT = "default";

    private final Map<String, String> texts;
    private final Map<String, Policy> parsed = new HashMap<>();

    PolicyStore(VaultState state) {
        this.texts = state.policies;
        texts.forEach((name, raw) -> parsed.put(name, new Policy(name, raw, PolicyParser.parse(raw))));
    }

    /** A fresh server has Vault's default policy; one that an operator changed is kept. */
    void seedDefault() {
        if (!texts.containsKey(DEFAULT)) {
            put(DEFAULT, builtInDefault());
        }
    }

    Optional<Policy> get(String name) {
        String key = normalize(name);
        if (key.equals(ROOT)) {
            return Optional.of(new Policy(ROOT, "", List.of()));
        }
        return Optional.ofNullable(parsed.get(key));
    }

    /** @throws VaultError 400 naming the line when the HCL does not parse; nothing is stored then */
    void put(String name, String raw) {
        String key = normalize(name);
        if (key.equals(ROOT)) {
            throw VaultError.badRequest("cannot update \"root\" policy");
        }
        if (raw.isBlank()) {
            throw VaultError.badRequest("'policy' parameter not supplied or empty");
        }
        parsed.put(key, new Policy(key, raw, PolicyParser.parse(raw)));
        texts.put(key, raw);
    }

    /** Deleting a policy that does not exist succeeds, as in Vault. */
    void delete(String name) {
        String key = normalize(name);
        if (key.equals(ROOT) || key.equals(DEFAULT)) {
            throw VaultError.badRequest("cannot delete \"" + key + "\" policy");
        }
        parsed.remove(key);
        texts.remove(key);
    }

    /** Stored names in order, then "root", which Vault appends to its listing. */
    List<String> names() {
        List<String> names = new ArrayList<>(texts.keySet());
        names.add(ROOT);
        return names;
    }

    /** A token's policies that do not exist grant nothing; Vault ignores them too. */
    Acl aclFor(TokenEntry token) {
        List<Policy> policies = new ArrayList<>();
        for (String name : token.policies) {
            Policy policy = parsed.get(name);
            if (policy != null) {
                policies.add(policy);
            }
        }
        return new Acl(policies);
    }

    private static String normalize(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT);
        if (key.isEmpty()) {
            throw VaultError.badRequest("policy name must be provided");
        }
        return key;
    }

    private static String builtInDefault() {
        try (InputStream in = PolicyStore.class.getResourceAsStream("default-policy.hcl")) {
            if (in == null) {
                throw new IllegalStateException("default-policy.hcl is missing from the dev server's jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
