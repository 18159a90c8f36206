package dev.rotor.stack.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The local stack's identity provider: an RSA key pair whose public half the services verify bearer tokens with
 * (as they would an OIDC provider's key in production), and whose private half mints short-lived RS256 JWTs for the
 * local operator ({@code ./rotor login}), the demo and the tests. The private key is readable by its owner only.
 */
public final class TokenIssuer {

    /** The {@code iss} claim of every token; the services accept no other issuer. */
    public static final String ISSUER = "rotor-local";

    /**
     * A registrar's scope: the owners and the classes it may register secrets for (a name, or a prefix ending in
     * {@code *}); without the claim, any. The scheduler reads them by these names (its {@code RegistrarScope}).
     */
    public static final String OWNERS_CLAIM = "rotor_owners";
    public static final String CLASSES_CLAIM = "rotor_classes";

    private static final String PRIVATE_FILE = "signing-key.pem";
    private static final String PUBLIC_FILE = "verify-key.pem";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final PrivateKey signingKey;
    private final Path publicKeyFile;

    private TokenIssuer(PrivateKey signingKey, Path publicKeyFile) {
        this.signingKey = signingKey;
        this.publicKeyFile = publicKeyFile;
    }

    /** The issuer whose keys are in {@code dir}, created there on first use. */
    public static TokenIssuer in(Path dir) {
        try {
            Files.createDirectories(dir);
            Path privateFile = dir.resolve(PRIVATE_FILE);
            Path publicFile = dir.resolve(PUBLIC_FILE);
            if (!Files.exists(privateFile)) {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
                generator.initialize(2048);
                KeyPair pair = generator.generateKeyPair();
                Files.createFile(privateFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                Files.writeString(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
                Files.writeString(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            }
            PrivateKey key = KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der(Files.readString(privateFile))));
            return new TokenIssuer(key, publicFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the token signing key in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The token signing key in " + dir + " is unusable: delete the directory to make a new one", e);
        }
    }

    /** The PEM file the services verify tokens with ({@code mp.jwt.verify.publickey.location}). */
    public Path publicKeyFile() {
        return publicKeyFile;
    }

    /** A token naming {@code principal} ({@code upn}, the initiator the services record) with {@code roles} ({@code groups}). */
    public String token(String principal, Collection<String> roles, Duration lifetime) {
        return token(principal, roles, lifetime, Map.of());
    }

    /**
     * A token that also carries {@code lists}, each claim a JSON array of strings, such as a registrar's scope
     * ({@link #OWNERS_CLAIM}, {@link #CLASSES_CLAIM}). They cannot replace the claims every token has.
     */
    public String token(String principal, Collection<String> roles, Duration lifetime, Map<String, ? extends Collection<String>> lists) {
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", principal);
        claims.put("upn", principal);
        claims.put("groups", List.copyOf(roles));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(lifetime).getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        lists.forEach((name, values) -> {
            if (claims.putIfAbsent(name, List.copyOf(values)) != null) {
                throw new IllegalArgumentException("The claim " + name + " is the issuer's own: it cannot be set");
            }
        });
        String unsigned = part(Map.of("alg", "RS256", "typ", "JWT")) + "." + part(claims);
        try {
            Signature rs256 = Signature.getInstance("SHA256withRSA");
            rs256.initSign(signingKey);
            rs256.update(unsigned.getBytes(StandardCharsets.US_ASCII));
            return unsigned + "." + URL.encodeToString(rs256.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    /** A token for tests and the demo, valid for an hour. */
    public String token(String principal, String... roles) {
        return token(principal, List.of(roles), Duration.ofHours(1));
    }

    private static String part(Map<String, ?> json) {
        try {
            return URL.encodeToString(JSON.writeValueAsBytes(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a token's claims", e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

    private static byte[] der(String pem) {
        return Base64.getMimeDecoder().decode(pem.replaceAll("-----(BEGIN|END) [A-Z ]+-----", ""));
    }
}
