package dev.rotor.stack.demo;

import java.security.SecureRandom;
import java.util.HexFormat;

/** The demo roles' first passwords: random, so that nothing guessable is ever rotated away from. */
final class DemoPasswords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private DemoPasswords() {
    }

    static String initial() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
