package dev.rotor.vaultdev;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * Vault decodes request fields weakly (Go's mapstructure): numbers may come as strings, booleans
 * as "true", durations as "1h" or as seconds. Clients rely on that, so this does the same.
 */
final class Params {

    static final long SYSTEM_MAX_TTL_SECONDS = 768L * 3600;

    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h|d)");

    private Params() {
    }

    static long longValue(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isNumber()) {
            return value.longValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue() ? 1 : 0;
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw VaultError.badRequest("error converting input " + text + " for field \"" + field + "\"");
        }
    }

    static int intValue(JsonNode value, String field) {
        return Math.toIntExact(longValue(value, field));
    }

    static boolean boolValue(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return false;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isNumber()) {
            return value.longValue() != 0;
        }
        String text = value.asText().trim().toLowerCase(Locale.ROOT);
        switch (text) {
            case "true", "1", "t" -> {
                return true;
            }
            case "false", "0", "f", "" -> {
                return false;
            }
            default -> throw VaultError.badRequest("error converting input " + text + " for field \"" + field + "\"");
        }
    }

    static String stringValue(JsonNode value) {
        return value == null || value.isNull() ? "" : value.asText();
    }

    /** Vault's duration fields: seconds as a number or string, or Go durations ("90s", "1h30m", "768h", "7d"). */
    static long durationSeconds(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return 0;
        }
        if (value.isNumber()) {
            return value.longValue();
        }
        String text = value.asText().trim();
        if (text.isEmpty()) {
            return 0;
        }
        if (text.matches("-?\\d+")) {
            return Long.parseLong(text);
        }
        Matcher part = GO_DURATION_PART.matcher(text);
        double seconds = 0;
        int end = 0;
        while (part.find() && part.start() == end) {
            seconds += Double.parseDouble(part.group(1)) * unitSeconds(part.group(2));
            end = part.end();
        }
        if (end == 0 || end != text.length()) {
            throw VaultError.badRequest("error converting input " + text + " for field \"" + field + "\"");
        }
        return (long) seconds;
    }

    /** Go's time.Duration String(), which Vault uses when it prints a duration: "0s", "45s", "1h0m0s". */
    static String formatDuration(long seconds) {
        long hours = seconds / 3600;
        long minutes = (seconds % 3600) / 60;
        long rest = seconds % 60;
        if (hours > 0) {
            return hours + "h" + minutes + "m" + rest + "s";
        }
        if (minutes > 0) {
            return minutes + "m" + rest + "s";
        }
        return rest + "s";
    }

    /** Vault's comma-separated int slice: [1, 2], ["1", "2"] or "1,2". */
    static List<Long> longList(JsonNode value, String field) {
        List<Long> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (value.isArray()) {
            value.forEach(item -> result.add(longValue(item, field)));
        } else if (value.isNumber()) {
            result.add(value.longValue());
        } else {
            for (String item : value.asText().split(",")) {
                if (!item.isBlank()) {
                    result.add(longValue(TextNode.valueOf(item), field));
                }
            }
        }
        return result;
    }

    /** Vault's comma-separated string slice: ["a", "b"] or "a,b", each item trimmed, blanks dropped. */
    static List<String> stringList(JsonNode value) {
        List<String> result = new ArrayList<>();
        if (value == null || value.isNull()) {
            return result;
        }
        if (value.isArray()) {
            value.forEach(item -> result.add(item.asText().trim()));
        } else {
            for (String item : value.asText().split(",")) {
                result.add(item.trim());
            }
        }
        result.removeIf(String::isEmpty);
        return result;
    }

    private static double unitSeconds(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us", "µs" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "m" -> 60;
            case "h" -> 3600;
            default -> 86400;
        };
    }
}
