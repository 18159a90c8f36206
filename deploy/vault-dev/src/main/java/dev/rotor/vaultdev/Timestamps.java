package dev.rotor.vaultdev;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times printed as Vault (Go's RFC3339Nano) prints them: UTC, fraction without trailing zeros. */
final class Timestamps {

    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    /** Vault prints an unset time (a version never deleted) as the empty string. */
    static String format(Instant time) {
        if (time == null) {
            return "";
        }
        StringBuilder text = new StringBuilder(SECONDS.format(time));
        if (time.getNano() != 0) {
            String fraction = String.format("%09d", time.getNano()).replaceAll("0+$", "");
            text.append('.').append(fraction);
        }
        return text.append('Z').toString();
    }
}
