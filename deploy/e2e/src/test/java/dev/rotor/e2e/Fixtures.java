package dev.rotor.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.contract.Roles;
import dev.rotor.stack.PostgresSettings;
import dev.rotor.stack.testing.RotorStack;

/** What an operator sets up before Rotor manages a secret: a role, its store entries, its registration. */
final class Fixtures {

    static final String MOUNT = "secret";
    static final String ADMIN_PATH = "admin/pg";
    static final ObjectMapper JSON = new ObjectMapper();
    /** The person the tests act as: one operator who holds every role, for as long as the whole suite may run. */
    static final String OPERATOR = "e2e-operator";
    static final String BEARER = "Bearer " + RotorStack.issuer().token(OPERATOR, Roles.ALL, Duration.ofHours(3));
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Fixtures() {
    }

    static PostgresSettings pg() {
        return RotorStack.postgres().settings();
    }

    /** Creates a login role with a password, stores both, and makes sure the admin entry exists. */
    static void createRoleAndStoreEntry(String role, String password, String storePath) throws Exception {
        PostgresSettings pg = pg();
        try (Connection admin = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement st = admin.createStatement()) {
            st.execute("CREATE ROLE " + st.enquoteIdentifier(role, true) + " LOGIN PASSWORD " + st.enquoteLiteral(password));
        }
        writeKv(storePath, Map.of("username", role, "password", password));
        writeKv(ADMIN_PATH, Map.of("username", pg.user(), "password", pg.password()));
    }

    static boolean logsIn(String role, String password) {
        try (Connection ignored = DriverManager.getConnection(pg().jdbcUrl(), role, password)) {
            return true;
        } catch (SQLException e) {
            if ("28P01".equals(e.getSQLState())) {
                return false;
            }
            throw new AssertionError("unexpected login failure for " + role + ": " + e.getMessage(), e);
        }
    }

    static void execAsAdmin(String sql) throws SQLException {
        PostgresSettings pg = pg();
        try (Connection admin = DriverManager.getConnection(pg.jdbcUrl(), pg.user(), pg.password());
             Statement st = admin.createStatement()) {
            st.execute(sql);
        }
    }

    static void writeKv(String path, Map<String, String> data) throws Exception {
        HttpResponse<String> response = vault("POST", "/v1/" + MOUNT + "/data/" + path, JSON.writeValueAsString(Map.of("data", data)));
        if (response.statusCode() != 200) {
            throw new AssertionError("writing " + path + " to the dev Vault failed: " + response.statusCode());
        }
    }

    /** The current data and version of a KV entry. */
    static JsonNode readKv(String path) throws Exception {
        HttpResponse<String> response = vault("GET", "/v1/" + MOUNT + "/data/" + path, null);
        return response.statusCode() == 404 ? null : JSON.readTree(response.body()).get("data");
    }

    static JsonNode readKvVersion(String path, int version) throws Exception {
        HttpResponse<String> response = vault("GET", "/v1/" + MOUNT + "/data/" + path + "?version=" + version, null);
        return response.statusCode() == 404 ? null : JSON.readTree(response.body()).get("data");
    }

    static JsonNode readMetadata(String path) throws Exception {
        return JSON.readTree(vault("GET", "/v1/" + MOUNT + "/metadata/" + path, null).body()).get("data");
    }

    /** Whether a KV entry has a current version. */
    static boolean exists(String path) throws Exception {
        return vault("GET", "/v1/" + MOUNT + "/data/" + path, null).statusCode() == 200;
    }

    /** The keys under a folder; folders end in '/'. */
    static JsonNode list(String folder) throws Exception {
        return JSON.readTree(vault("GET", "/v1/" + MOUNT + "/metadata/" + folder + "?list=true", null).body()).get("data").get("keys");
    }

    /** A POST to a service's API as {@link #OPERATOR}; {@code body} a JSON value or, as a String, the body itself. */
    static HttpResponse<String> post(String url, String contentType, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Content-Type", contentType).header("Authorization", BEARER)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> post(String url, Object body) throws Exception {
        return post(url, "application/json", JSON.writeValueAsString(body));
    }

    static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", BEARER).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static Map<String, Object> registration(String secretId, String storePath, String role) {
        return registration(secretId, storePath, role, pg().database());
    }

    static Map<String, Object> registration(String secretId, String storePath, String role, String database) {
        PostgresSettings pg = pg();
        return Map.of(
                "id", secretId,
                "class", "database",
                "owner", "team-e2e",
                "cadence", "P30D",
                "store", Map.of("mount", MOUNT, "path", storePath),
                "target", Map.of("type", "postgresql", "host", pg.host(), "port", pg.port(), "database", database,
                        "role", role, "adminSecret", ADMIN_PATH));
    }

    private static HttpResponse<String> vault(String method, String path, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(RotorServices.vault().address() + path))
                .header("X-Vault-Token", RotorServices.vault().rootToken());
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
