package dev.rotor.vaultdev;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

/**
 * Vault's HTTP layer: {@code /v1/} paths, methods to operations (LIST and {@code GET ?list=true}
 * alike), the token header and its policies, JSON in and out. Requests run one at a time against the state and
 * every write is saved before it is answered, so an acknowledged write survives a restart.
 */
final class VaultHttpHandler implements HttpHandler {

    private static final Logger LOG = Logger.getLogger(VaultHttpHandler.class.getName());
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> UNAUTHENTICATED_PATHS = Set.of("sys/health", "sys/seal-status", "sys/unseal");
    /** Vault serves these from outside its barrier; everything else waits for the unseal. */
    private static final Set<String> SERVED_WHILE_SEALED = Set.of("sys/health", "sys/seal-status", "sys/unseal", "sys/seal");

    private final VaultState state;
    private final StateStore store;
    private final TokenStore tokens;
    private final Seal seal;
    private final VaultRouter router;
    private final RequestAuthorizer authorizer;
    private final Supplier<Instant> clock;

    VaultHttpHandler(VaultState state, StateStore store, TokenStore tokens, Seal seal, VaultRouter router,
            RequestAuthorizer authorizer, Supplier<Instant> clock) {
        this.state = state;
        this.store = store;
        this.tokens = tokens;
        this.seal = seal;
        this.router = router;
        this.authorizer = authorizer;
        this.clock = clock;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        VaultResponse response;
        try {
            response = dispatch(exchange);
        } catch (VaultError e) {
            ObjectNode body = MAPPER.createObjectNode();
            e.errors.forEach(body.putArray("errors")::add);
            response = new VaultResponse(e.status, body);
        } catch (RuntimeException e) {
            // The path names a secret, never its value; the cause is the server's own fault.
            LOG.log(Level.WARNING, "Rotor Vault dev server failed on " + exchange.getRequestMethod() + " "
                    + exchange.getRequestURI().getPath(), e);
            ObjectNode body = MAPPER.createObjectNode();
            body.putArray("errors").add("internal error in the Rotor Vault dev server: " + e.getClass().getSimpleName());
            response = new VaultResponse(500, body);
        }
        try (exchange) {
            write(exchange, response);
        }
    }

    private VaultResponse dispatch(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        String rawPath = uri.getRawPath();
        if (!rawPath.startsWith("/v1/")) {
            throw VaultError.notFound();
        }
        String path = URLDecoder.decode(rawPath.substring("/v1/".length()).replace("+", "%2B"), StandardCharsets.UTF_8);
        Map<String, String> query = parseQuery(uri.getRawQuery());
        Operation operation = operation(exchange.getRequestMethod(), query);
        if (operation == Operation.LIST && !path.endsWith("/")) {
            path += "/";
        }
        ObjectNode body = operation == Operation.READ || operation == Operation.LIST
                ? MAPPER.createObjectNode()
                : parseBody(exchange.getRequestBody());
        synchronized (state) {
            boolean sealed = seal.isSealed();
            if (sealed && !SERVED_WHILE_SEALED.contains(path)) {
                throw VaultError.sealed();
            }
            // A sealed Vault cannot read its token store, so nothing it still serves checks a token.
            TokenEntry token = sealed || UNAUTHENTICATED_PATHS.contains(path) ? null : authenticate(exchange);
            VaultRequest request = new VaultRequest(operation, path, query, body, token);
            if (token != null) {
                authorizer.authorize(request);
            }
            try {
                return router.route(request);
            } finally {
                if (operation.mutates()) {
                    store.save(state);
                }
            }
        }
    }

    private TokenEntry authenticate(HttpExchange exchange) {
        String token = exchange.getRequestHeaders().getFirst("X-Vault-Token");
        if (token == null) {
            String authorization = exchange.getRequestHeaders().getFirst("Authorization");
            if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
                token = authorization.substring(7).trim();
            }
        }
        if (token == null || token.isEmpty()) {
            throw VaultError.permissionDenied();
        }
        return tokens.find(token, clock.get()).orElseThrow(VaultError::permissionDenied);
    }

    private static Operation operation(String method, Map<String, String> query) {
        return switch (method) {
            case "GET" -> "true".equals(query.get("list")) ? Operation.LIST : Operation.READ;
            case "HEAD" -> Operation.READ;
            case "LIST" -> Operation.LIST;
            case "POST", "PUT" -> Operation.UPDATE;
            case "DELETE" -> Operation.DELETE;
            case "PATCH" -> Operation.PATCH;
            default -> throw VaultError.unsupportedOperation();
        };
    }

    private static ObjectNode parseBody(InputStream input) throws IOException {
        byte[] bytes = input.readAllBytes();
        if (new String(bytes, StandardCharsets.UTF_8).isBlank()) {
            return MAPPER.createObjectNode();
        }
        JsonNode body;
        try {
            body = MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw VaultError.badRequest("failed to parse JSON input: " + e.getOriginalMessage());
        }
        if (!body.isObject()) {
            throw VaultError.badRequest("failed to parse JSON input: expected a JSON object");
        }
        return (ObjectNode) body;
    }

    private static Map<String, String> parseQuery(String rawQuery) {
        Map<String, String> query = new HashMap<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int equals = pair.indexOf('=');
            String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            query.putIfAbsent(key, value);
        }
        return query;
    }

    private static void write(HttpExchange exchange, VaultResponse response) throws IOException {
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (response.body() == null || head) {
            exchange.sendResponseHeaders(response.status(), -1);
            return;
        }
        byte[] bytes = MAPPER.writeValueAsBytes(response.body());
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(response.status(), bytes.length);
        try (OutputStream output = exchange.getResponseBody()) {
            output.write(bytes);
        }
    }
}
