package dev.rotor.vaultdev;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The subset of Vault's HCL policy syntax that Rotor's policies use: {@code path "<pattern>" {
 * capabilities = [...] }} blocks, and line ({@code #}, {@code //}) and block comments. Anything
 * else is refused with the line and column, as Vault's parser does, rather than skipped: a
 * skipped {@code allowed_parameters} would grant more than its author meant.
 */
final class PolicyParser {

    private final String text;
    private int position;
    private int line = 1;
    private int column = 1;

    private PolicyParser(String text) {
        this.text = text;
    }

    /** @throws VaultError 400 "failed to parse policy: At line:column: ..." */
    static List<PathRule> parse(String text) {
        return new PolicyParser(text).rules();
    }

    private List<PathRule> rules() {
        List<PathRule> rules = new ArrayList<>();
        skipBlanksAndComments();
        while (position < text.length()) {
            Location at = location();
            String key = identifier();
            if (!key.equals("path")) {
                throw at.error("invalid key \"" + key + "\" (the Rotor Vault dev server reads only path blocks)");
            }
            String pattern = quoted();
            rules.add(new PathRule(pattern.startsWith("/") ? pattern.substring(1) : pattern, block(pattern)));
            skipBlanksAndComments();
        }
        return rules;
    }

    private Set<Capability> block(String pattern) {
        expect('{');
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        while (peek() != '}') {
            Location at = location();
            String key = identifier();
            expect('=');
            if (!key.equals("capabilities")) {
                throw at.error("path \"" + pattern + "\": \"" + key + "\" is not supported by the Rotor Vault dev server"
                        + " (only capabilities)");
            }
            capabilities.addAll(capabilityList(pattern));
        }
        expect('}');
        return capabilities;
    }

    private Set<Capability> capabilityList(String pattern) {
        expect('[');
        Set<Capability> capabilities = EnumSet.noneOf(Capability.class);
        while (peek() != ']') {
            Location at = location();
            String name = quoted();
            capabilities.add(Capability.fromHcl(name).orElseThrow(() ->
                    at.error("path \"" + pattern + "\": invalid capability \"" + name + "\"")));
            char next = peek();
            if (next != ']') {
                if (next != ',') {
                    throw location().error("unexpected token while parsing list: " + describe(next));
                }
                advance();
            }
        }
        expect(']');
        return capabilities;
    }

    private String identifier() {
        skipBlanksAndComments();
        Location at = location();
        int start = position;
        while (position < text.length() && (Character.isLetterOrDigit(text.charAt(position)) || text.charAt(position) == '_')) {
            advance();
        }
        if (start == position) {
            throw at.error(position < text.length() ? "illegal char '" + text.charAt(position) + "'" : "unexpected end of policy");
        }
        return text.substring(start, position);
    }

    private String quoted() {
        skipBlanksAndComments();
        Location at = location();
        expect('"');
        StringBuilder value = new StringBuilder();
        while (position < text.length() && text.charAt(position) != '"') {
            char next = text.charAt(position);
            if (next == '\n') {
                throw at.error("literal not terminated");
            }
            if (next == '\\' && position + 1 < text.length()) {
                advance();
                next = text.charAt(position);
            }
            value.append(next);
            advance();
        }
        if (position >= text.length()) {
            throw at.error("literal not terminated");
        }
        advance();
        return value.toString();
    }

    private void expect(char wanted) {
        char found = peek();
        if (found != wanted) {
            throw location().error("expected '" + wanted + "', got " + describe(found));
        }
        advance();
    }

    private static String describe(char found) {
        return found == 0 ? "end of policy" : "'" + found + "'";
    }

    /** The next meaningful character, or 0 at the end. */
    private char peek() {
        skipBlanksAndComments();
        return position < text.length() ? text.charAt(position) : 0;
    }

    private void skipBlanksAndComments() {
        while (position < text.length()) {
            char next = text.charAt(position);
            if (Character.isWhitespace(next)) {
                advance();
            } else if (next == '#' || text.startsWith("//", position)) {
                while (position < text.length() && text.charAt(position) != '\n') {
                    advance();
                }
            } else if (text.startsWith("/*", position)) {
                Location at = location();
                int end = text.indexOf("*/", position + 2);
                if (end < 0) {
                    throw at.error("comment not terminated");
                }
                while (position < end + 2) {
                    advance();
                }
            } else {
                return;
            }
        }
    }

    private void advance() {
        if (text.charAt(position) == '\n') {
            line++;
            column = 1;
        } else {
            column++;
        }
        position++;
    }

    private Location location() {
        return new Location(line, column);
    }

    private record Location(int line, int column) {

        VaultError error(String message) {
            return VaultError.badRequest("failed to parse policy: At " + line + ":" + column + ": " + message);
        }
    }
}
