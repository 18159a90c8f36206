package dev.rotor.vaultdev;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;

/**
 * Vault's seal, reduced to what a dev server can honestly offer: one unseal key (one share,
 * threshold one) and a flag. Sealing encrypts nothing and keeps every byte of state, in memory
 * and in the data file; it only makes the API answer 503 as a sealed Vault does, so that clients
 * can be tested against a Vault that is down without taking the process away.
 */
final class Seal {

    private final byte[] unsealKey;
    private volatile boolean sealed;

    /** @param unsealKey hex or base64, as Vault prints its unseal keys */
    Seal(String unsealKey) {
        if (unsealKey == null || unsealKey.isBlank()) {
            throw new IllegalArgumentException("An unseal key is required (ROTOR_VAULT_UNSEAL_KEY)");
        }
        try {
            this.unsealKey = decode(unsealKey);
        } catch (VaultError e) {
            // The message must not echo the key: it is a secret even on a dev server.
            throw new IllegalArgumentException("The unseal key (ROTOR_VAULT_UNSEAL_KEY) must be a hex or base64"
                    + " string, as Vault's unseal keys are");
        }
    }

    boolean isSealed() {
        return sealed;
    }

    void seal() {
        sealed = true;
    }

    void unseal() {
        sealed = false;
    }

    /**
     * Vault's order: a malformed key is a 400 before anything else; an unsealed Vault accepts any
     * well-formed key as a no-op; a wrong key is a 400 and leaves it sealed.
     */
    void unsealWith(String key) {
        byte[] given = decode(key);
        if (!sealed) {
            return;
        }
        if (!MessageDigest.isEqual(given, unsealKey)) {
            throw VaultError.badRequest("Unseal failed, invalid key");
        }
        sealed = false;
    }

    /** Vault tries hex first, then standard base64. */
    private static byte[] decode(String key) {
        try {
            return HexFormat.of().parseHex(key);
        } catch (IllegalArgumentException notHex) {
            try {
                return Base64.getDecoder().decode(key);
            } catch (IllegalArgumentException notBase64) {
                throw VaultError.badRequest("'key' must be a valid hex or base64 string");
            }
        }
    }
}
