package dev.rotor.audit.chain;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of the audit chain: 256 random bits that only the audit service holds (in Vault, and in
 * memory while it runs), so that nobody who can merely write rotation.audit can make a link or a
 * checkpoint that verifies. Its bytes never leave this class: no getter, and {@link #toString()} hides them.
 */
public final class ChainKey {

    /** The value of {@code rotor.chain.alg} (and of a checkpoint's {@code alg}) for links made with this key. */
    public static final String ALGORITHM = "HMAC-SHA256";
    public static final int BYTES = 32;

    private static final String JCA_NAME = "HmacSHA256";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private ChainKey(byte[] bytes) {
        this.key = new SecretKeySpec(bytes, JCA_NAME);
    }

    public static ChainKey of(byte[] bytes) {
        if (bytes.length != BYTES) {
            throw new IllegalArgumentException("The audit chain key must be " + (BYTES * 8) + " bits, this one has " + (bytes.length * 8)
                    + ": delete the entry and let the audit service create a new one (records made with the old key then no longer verify)");
        }
        return new ChainKey(bytes.clone());
    }

    /** Fresh key material, for the one instance that creates the key. */
    public static byte[] randomBytes() {
        byte[] bytes = new byte[BYTES];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    /** Lowercase hex HMAC-SHA-256 of the UTF-8 bytes of {@code message}. */
    public String mac(String message) {
        try {
            Mac mac = Mac.getInstance(JCA_NAME);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This JVM cannot compute HMAC-SHA-256, which every Java platform must provide", e);
        }
    }

    /** Whether {@code claimed} is this key's MAC of {@code message}, compared in constant time. */
    public boolean verifies(String message, String claimed) {
        return claimed != null && MessageDigest.isEqual(mac(message).getBytes(StandardCharsets.UTF_8), claimed.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ChainKey[" + ALGORITHM + ", value hidden]";
    }
}
