package dev.rotor.stack.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import dev.rotor.stack.auth.TokenIssuer;

/**
 * The table-driven access check of a service's REST API: every JAX-RS endpoint the service's classes declare must
 * have a rule (so that an endpoint added without one fails the test), and for every rule a call without a token, with
 * a forged or an expired token, or with a role the rule does not admit is refused (401, 401, 401, 403), while each
 * admitted role gets past security (whatever the endpoint then says of the empty request). Annotations are read by
 * name, so that the stack needs no JAX-RS API of its own.
 */
public final class EndpointAccess {

    private static final Set<String> HTTP_METHODS = Set.of("GET", "POST", "PUT", "DELETE", "PATCH");
    private static final String PATH = "jakarta.ws.rs.Path";

    /** An endpoint: {@code POST /api/rotations}, {@code GET /api/secrets/{id}}. */
    public record Endpoint(String method, String path) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    /** Who may call {@code endpoint}: tokens carrying any one of {@code roles}. */
    public record Rule(Endpoint endpoint, Set<String> roles) {

        public static Rule of(String method, String path, String... roles) {
            return new Rule(new Endpoint(method, path), Set.of(roles));
        }
    }

    /** One refusal or admission that did not happen as the rule says. */
    public record Mismatch(Rule rule, String caller, int status, String expected) {

        @Override
        public String toString() {
            return rule.endpoint() + " as " + caller + ": " + status + ", expected " + expected;
        }
    }

    private EndpointAccess() {
    }

    /** The endpoints declared by the classes under {@code basePackage} in the directory {@code anyClass} was loaded from. */
    public static Set<Endpoint> declaredIn(Class<?> anyClass, String basePackage) {
        Set<Endpoint> endpoints = new TreeSet<>((a, b) -> a.toString().compareTo(b.toString()));
        for (Class<?> type : classesUnder(anyClass, basePackage)) {
            String classPath = pathOf(type.getAnnotations());
            if (classPath == null) {
                continue;
            }
            for (Method method : type.getDeclaredMethods()) {
                String httpMethod = httpMethodOf(method.getAnnotations());
                if (httpMethod != null) {
                    endpoints.add(new Endpoint(httpMethod, join(classPath, pathOf(method.getAnnotations()))));
                }
            }
        }
        return endpoints;
    }

    /**
     * Calls every rule's endpoint as nobody, as a forger, with an expired token, as each role in {@code allRoles} the rule
     * does not admit (and as a token with no role at all), and as each role it admits; returns what did not go as the rule
     * says. Path parameters are filled with placeholders; POSTs send an empty JSON object.
     */
    public static List<Mismatch> check(URI base, TokenIssuer issuer, TokenIssuer forger, Set<String> allRoles, List<Rule> rules) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        List<Mismatch> mismatches = new ArrayList<>();
        for (Rule rule : rules) {
            expect(http, base, rule, "no token", null, 401, mismatches);
            String anyAdmitted = rule.roles().iterator().next();
            expect(http, base, rule, "a forged token", forger.token("mallory", anyAdmitted), 401, mismatches);
            expect(http, base, rule, "an expired token", issuer.token("alice", List.of(anyAdmitted), Duration.ofMinutes(-10)), 401,
                    mismatches);
            expect(http, base, rule, "a token without roles", issuer.token("alice"), 403, mismatches);
            for (String role : allRoles) {
                boolean admitted = rule.roles().contains(role);
                expect(http, base, rule, "role " + role, issuer.token("alice", role), admitted ? 0 : 403, mismatches);
            }
        }
        return mismatches;
    }

    /** {@code expected} 0: anything but 401 and 403. */
    private static void expect(HttpClient http, URI base, Rule rule, String caller, String token, int expected,
            List<Mismatch> mismatches) {
        int status = call(http, base, rule.endpoint(), token);
        boolean ok = expected == 0 ? status != 401 && status != 403 : status == expected;
        if (!ok) {
            mismatches.add(new Mismatch(rule, caller, status, expected == 0 ? "past security (not 401/403)" : String.valueOf(expected)));
        }
    }

    private static int call(HttpClient http, URI base, Endpoint endpoint, String token) {
        String path = endpoint.path().replaceAll("\\{[^}]+}", "access-check");
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json").header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        request.method(endpoint.method(), endpoint.method().equals("GET") || endpoint.method().equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"));
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot call " + endpoint + " at " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted calling " + endpoint, e);
        }
    }

    private static List<Class<?>> classesUnder(Class<?> anyClass, String basePackage) {
        URL root = anyClass.getProtectionDomain().getCodeSource().getLocation();
        Path dir;
        try {
            dir = Path.of(root.toURI()).resolve(basePackage.replace('.', '/'));
        } catch (URISyntaxException e) {
            throw new IllegalStateException("Cannot read the classes of " + root, e);
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Class<?>> classes = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = dir.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                classes.add(Class.forName(basePackage + "." + name, false, anyClass.getClassLoader()));
            }
            return classes;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the classes in " + dir, e);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("Cannot load a class in " + dir, e);
        }
    }

    private static String httpMethodOf(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            String name = annotation.annotationType().getName();
            if (name.startsWith("jakarta.ws.rs.") && HTTP_METHODS.contains(annotation.annotationType().getSimpleName())) {
                return annotation.annotationType().getSimpleName();
            }
        }
        return null;
    }

    private static String pathOf(Annotation[] annotations) {
        for (Annotation annotation : annotations) {
            if (annotation.annotationType().getName().equals(PATH)) {
                try {
                    return (String) annotation.annotationType().getMethod("value").invoke(annotation);
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException("Cannot read @Path", e);
                }
            }
        }
        return null;
    }

    /** {@code /api/secrets} + {@code {id: .+}} = {@code /api/secrets/{id}}: the template as people write it. */
    private static String join(String classPath, String methodPath) {
        String path = "/" + strip(classPath) + (methodPath == null || strip(methodPath).isEmpty() ? "" : "/" + strip(methodPath));
        return path.replaceAll("\\{\\s*([A-Za-z0-9_]+)\\s*:[^}]*}", "{$1}");
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
