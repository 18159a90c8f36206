package dev.rotor.scheduler.policy.yaml;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognises credentials where only names, locations and rules belong (a policy file, a registration):
 * keys under which people put secrets, and values shaped like one. It names the shape, never the value.
 */
public final class SecretValueGuard {

    // Compared without case, '-', '_' or '.'.
    private static final Set<String> CREDENTIAL_KEYS = Set.of("password", "passwd", "pwd", "passphrase", "secret", "secretvalue",
            "token", "apikey", "accesskey", "secretkey", "privatekey", "clientsecret", "credential", "credentials");
    private static final List<Map.Entry<Pattern, String>> SHAPES = List.of(
            Map.entry(Pattern.compile("-----BEGIN [A-Z ]+-----"), "a PEM block (key or certificate)"),
            Map.entry(Pattern.compile("\\b(AKIA|ASIA)[0-9A-Z]{16}\\b"), "an AWS access key id"),
            Map.entry(Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]*"), "a JSON web token"),
            Map.entry(Pattern.compile("\\bhv[sbr]\\.[A-Za-z0-9_-]{20,}"), "a Vault token"),
            Map.entry(Pattern.compile("\\b(xox[abprs]-[A-Za-z0-9-]{10,}|gh[pousr]_[A-Za-z0-9]{30,}|sk_live_[A-Za-z0-9]{16,})"),
                    "a service token"),
            Map.entry(Pattern.compile("[a-z][a-z0-9+.-]*://[^/@\\s]*:[^/@\\s]+@"), "a URL with a password"),
            Map.entry(Pattern.compile("(?<![0-9A-Fa-f])[0-9A-Fa-f]{32,}(?![0-9A-Fa-f])"), "a long hex string (a key or a token)"));
    private static final Pattern RUN = Pattern.compile("[A-Za-z0-9+=_-]{24,}");
    /** Bits per character; random base64 of this length scores about 4.5, names and words well under 4. */
    private static final double RANDOM_ENTROPY = 4.0;

    private SecretValueGuard() {
    }

    public static boolean isCredentialKey(String key) {
        return CREDENTIAL_KEYS.contains(key.toLowerCase(Locale.ROOT).replaceAll("[-_.]", ""));
    }

    /** What the value looks like, if it looks like a credential: "a JSON web token". */
    public static Optional<String> credentialShape(String value) {
        for (Map.Entry<Pattern, String> shape : SHAPES) {
            if (shape.getKey().matcher(value).find()) {
                return Optional.of(shape.getValue());
            }
        }
        Matcher run = RUN.matcher(value);
        while (run.find()) {
            if (looksRandom(run.group())) {
                return Optional.of("a long random string (a key or a token)");
            }
        }
        return Optional.empty();
    }

    private static boolean looksRandom(String run) {
        boolean upper = run.chars().anyMatch(Character::isUpperCase);
        boolean lower = run.chars().anyMatch(Character::isLowerCase);
        boolean digit = run.chars().anyMatch(Character::isDigit);
        return upper && lower && digit && entropy(run) >= RANDOM_ENTROPY;
    }

    private static double entropy(String text) {
        Map<Integer, Long> counts = text.chars().boxed()
                .collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.stream.Collectors.counting()));
        double bits = 0;
        for (long count : counts.values()) {
            double p = (double) count / text.length();
            bits -= p * Math.log(p) / Math.log(2);
        }
        return bits;
    }
}
