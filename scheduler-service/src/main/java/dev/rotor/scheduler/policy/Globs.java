package dev.rotor.scheduler.policy;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Globs over secret ids: {@code *} is any run of characters (slashes too: {@code db/*} covers
 * db/eu/orders), {@code ?} one character, everything else literal. Compiled once per glob, since
 * resolution runs for every secret the scheduler looks at.
 */
public final class Globs {

    private static final Map<String, Pattern> COMPILED = new ConcurrentHashMap<>();

    private Globs() {
    }

    public static boolean matches(String glob, String secretId) {
        return COMPILED.computeIfAbsent(glob, Globs::compile).matcher(secretId).matches();
    }

    private static Pattern compile(String glob) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : glob.toCharArray()) {
            if (c == '*' || c == '?') {
                regex.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        regex.append(Pattern.quote(literal.toString()));
        return Pattern.compile(regex.toString());
    }
}
