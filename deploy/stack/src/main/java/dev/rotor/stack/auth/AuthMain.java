package dev.rotor.stack.auth;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The local stack's identities. {@code keys}: makes the issuer's key pair at {@code ./rotor up}, before the services
 * that verify with it start. {@code login --as NAME --roles ROLE,... [--owners O,...] [--classes C,...] [--ttl PT8H]}:
 * mints a token for the local operator and keeps it in {@code .rotor/token} (owner-only), where {@code ./rotor}'s
 * commands read it; the token never appears on a command line or in a log. {@code --owners} and {@code --classes}
 * scope a registrar: it registers only secrets of those owners and classes (a name, or a prefix ending in {@code *}).
 */
public final class AuthMain {

    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);

    private AuthMain() {
    }

    public static void main(String[] args) throws IOException {
        Path data = Path.of(System.getenv().getOrDefault("ROTOR_DATA", ".rotor"));
        TokenIssuer issuer = TokenIssuer.in(data.resolve("auth"));
        if (args.length == 1 && args[0].equals("keys")) {
            return;
        }
        if (args.length == 0 || !args[0].equals("login")) {
            usage("expected 'keys' or 'login'");
        }
        login(issuer, data.resolve("token"), Arrays.copyOfRange(args, 1, args.length));
    }

    private static void login(TokenIssuer issuer, Path tokenFile, String[] args) throws IOException {
        String principal = null;
        List<String> roles = List.of();
        Map<String, List<String>> scope = new LinkedHashMap<>();
        Duration lifetime = DEFAULT_LIFETIME;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--as" -> principal = args[i + 1].trim();
                case "--roles" -> roles = names(args[i + 1]);
                case "--owners" -> scope.put(TokenIssuer.OWNERS_CLAIM, names(args[i + 1]));
                case "--classes" -> scope.put(TokenIssuer.CLASSES_CLAIM, names(args[i + 1]));
                case "--ttl" -> lifetime = lifetime(args[i + 1]);
                default -> usage("unknown option " + args[i]);
            }
        }
        if (args.length % 2 != 0 || principal == null || principal.isEmpty() || roles.isEmpty()) {
            usage("--as and --roles are required");
        }
        // An empty list would be a scope that permits nothing: surely a typo, not a wish.
        if (scope.values().stream().anyMatch(List::isEmpty)) {
            usage("--owners and --classes take at least one name");
        }
        Files.deleteIfExists(tokenFile);
        Files.createFile(tokenFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tokenFile, issuer.token(principal, roles, lifetime, scope), StandardOpenOption.TRUNCATE_EXISTING);
        System.out.println("rotor: logged in as " + principal + " (" + String.join(", ", roles) + describe(scope) + ") until "
                + Instant.now().plus(lifetime) + "; the token is in " + tokenFile);
    }

    private static List<String> names(String commaSeparated) {
        return Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(name -> !name.isEmpty()).toList();
    }

    /** The scope as the token carries it, e.g. {@code ; rotor_owners payments, team-*}. */
    private static String describe(Map<String, List<String>> scope) {
        return scope.entrySet().stream().map(claim -> "; " + claim.getKey() + " " + String.join(", ", claim.getValue()))
                .collect(Collectors.joining());
    }

    private static Duration lifetime(String text) {
        try {
            Duration lifetime = Duration.parse(text);
            if (lifetime.isNegative() || lifetime.isZero() || lifetime.compareTo(Duration.ofHours(24)) > 0) {
                usage("--ttl must be more than zero and at most PT24H, got " + text);
            }
            return lifetime;
        } catch (DateTimeParseException e) {
            usage("--ttl takes an ISO-8601 duration such as PT8H or PT30M, got " + text);
            return DEFAULT_LIFETIME;
        }
    }

    private static void usage(String problem) {
        System.err.println("rotor: " + problem + "\nusage: ./rotor login --as NAME --roles ROLE[,ROLE...] [--owners OWNER[,...]]"
                + " [--classes CLASS[,...]] [--ttl PT8H]"
                + "\n  roles: viewer operator registrar approver policy-admin auditor"
                + "\n  --owners, --classes: a registrar registers only these owners' and classes' secrets"
                + " (--owners 'team-*', quoted, covers team-orders); without them, any");
        System.exit(2);
    }
}
