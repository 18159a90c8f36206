package dev.rotor.vaultdev;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.TreeMap;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A named transit key with its versions (Vault's keysutil.Policy, symmetric types only).
 * Ciphertexts are Vault's: {@code vault:v<version>:base64(nonce || ciphertext || tag)}, AES-GCM
 * with a random 96-bit nonce.
 */
final class TransitKey {

    static final String AES256_GCM96 = "aes256-gcm96";
    static final String AES128_GCM96 = "aes128-gcm96";

    private static final String PREFIX = "vault:v";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    String name;
    String type;
    int minDecryptionVersion = 1;
    int minEncryptionVersion;
    boolean deletionAllowed;
    boolean exportable;
    boolean allowPlaintextBackup;
    TreeMap<Integer, TransitKeyVersion> versions = new TreeMap<>();

    static TransitKey create(String name, String type, Instant now) {
        TransitKey key = new TransitKey();
        key.name = name;
        key.type = type;
        key.rotate(now);
        return key;
    }

    static boolean isSupportedType(String type) {
        return AES256_GCM96.equals(type) || AES128_GCM96.equals(type);
    }

    int latestVersion() {
        return versions.lastKey();
    }

    void rotate(Instant now) {
        byte[] material = new byte[AES128_GCM96.equals(type) ? 16 : 32];
        RANDOM.nextBytes(material);
        int next = versions.isEmpty() ? 1 : latestVersion() + 1;
        versions.put(next, TransitKeyVersion.of(material, now.getEpochSecond()));
    }

    /** @param requestedVersion 0 for the latest version */
    String encrypt(byte[] plaintext, byte[] associatedData, int requestedVersion) {
        int version = requestedVersion == 0 ? latestVersion() : requestedVersion;
        if (version > latestVersion()) {
            throw VaultError.badRequest("requested version for encryption is higher than the latest key version");
        }
        if (version < 1 || (minEncryptionVersion > 0 && version < minEncryptionVersion)) {
            throw VaultError.badRequest("requested version for encryption is less than the minimum encryption key version");
        }
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        byte[] sealed = crypt(Cipher.ENCRYPT_MODE, version, nonce, plaintext, associatedData);
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return PREFIX + version + ":" + Base64.getEncoder().encodeToString(out);
    }

    /** Same checks and messages, in the same order, as Vault's keysutil Decrypt. */
    byte[] decrypt(String ciphertext, byte[] associatedData) {
        if (!ciphertext.startsWith(PREFIX)) {
            throw VaultError.badRequest("invalid ciphertext: no prefix");
        }
        String[] fields = ciphertext.substring(PREFIX.length()).split(":", 2);
        if (fields.length != 2) {
            throw VaultError.badRequest("invalid ciphertext: wrong number of fields");
        }
        int version;
        try {
            version = Integer.parseInt(fields[0]);
        } catch (NumberFormatException e) {
            throw VaultError.badRequest("invalid ciphertext: version number could not be decoded");
        }
        if (version == 0) {
            version = 1;
        }
        if (version > latestVersion()) {
            throw VaultError.badRequest("invalid ciphertext: version is too new");
        }
        if (minDecryptionVersion > 0 && version < minDecryptionVersion) {
            throw VaultError.badRequest("ciphertext or signature version is disallowed by policy (too old)");
        }
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(fields[1]);
        } catch (IllegalArgumentException e) {
            throw VaultError.badRequest("invalid ciphertext: could not decode base64");
        }
        if (decoded.length < NONCE_BYTES) {
            throw VaultError.badRequest("invalid ciphertext: could not decode base64");
        }
        byte[] nonce = Arrays.copyOf(decoded, NONCE_BYTES);
        byte[] sealed = Arrays.copyOfRange(decoded, NONCE_BYTES, decoded.length);
        return crypt(Cipher.DECRYPT_MODE, version, nonce, sealed, associatedData);
    }

    private byte[] crypt(int mode, int version, byte[] nonce, byte[] input, byte[] associatedData) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, new SecretKeySpec(versions.get(version).key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            if (associatedData != null) {
                cipher.updateAAD(associatedData);
            }
            return cipher.doFinal(input);
        } catch (AEADBadTagException e) {
            // Vault reports a failed authentication tag as an internal error (500) with Go's text.
            throw VaultError.internal("cipher: message authentication failed");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is unavailable in this JVM", e);
        }
    }
}
