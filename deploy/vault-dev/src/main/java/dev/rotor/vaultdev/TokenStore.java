package dev.rotor.vaultdev;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Issues, finds and revokes tokens; an expired token is gone, as in Vault's token store. */
final class TokenStore {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, TokenEntry> tokens;

    TokenStore(VaultState state) {
        this.tokens = state.tokens;
    }

    /** The configured root token always exists, whatever the data file says. */
    void ensureRoot(String id, Instant now) {
        if (tokens.containsKey(id)) {
            return;
        }
        TokenEntry root = new TokenEntry();
        root.id = id;
        root.accessor = randomString(24);
        root.policies = List.of("root");
        root.displayName = "root";
        root.path = "auth/token/root";
        root.orphan = true;
        root.creationTime = now;
        tokens.put(id, root);
    }

    Optional<TokenEntry> find(String id, Instant now) {
        TokenEntry entry = tokens.get(id);
        if (entry != null && entry.isExpired(now)) {
            tokens.remove(id);
            return Optional.empty();
        }
        return Optional.ofNullable(entry);
    }

    /** @param id the requested id, or null to generate one like Vault's service tokens ("hvs.") */
    TokenEntry issue(String id, TokenEntry template) {
        template.id = id != null ? id : "hvs." + randomString(24);
        if (tokens.containsKey(template.id)) {
            throw VaultError.badRequest("cannot create a token with a duplicate ID");
        }
        template.accessor = randomString(24);
        tokens.put(template.id, template);
        return template;
    }

    void revoke(String id) {
        tokens.remove(id);
    }

    private static String randomString(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return text.toString();
    }
}
