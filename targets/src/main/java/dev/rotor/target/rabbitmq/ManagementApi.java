package dev.rotor.target.rabbitmq;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.rotor.target.Credential;
import dev.rotor.target.Failures;
import dev.rotor.target.LoginResult.Status;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;

/** The one call Rotor makes to RabbitMQ's management HTTP API: a user's password, keeping its tags. */
final class ManagementApi {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ADVICE = "check that the admin logs in to the management API with the administrator tag and that"
            + " the user exists";

    private final Timeouts timeouts;
    private final HttpClient http;

    ManagementApi(Timeouts timeouts) {
        this.timeouts = timeouts;
        this.http = HttpClient.newBuilder().connectTimeout(timeouts.connect()).build();
    }

    void setPassword(TargetSpec target, int port, Credential admin, Credential next) {
        // Host validated as such (TargetKinds), the user name encoded as one path segment: nothing can reach another endpoint.
        URI user = URI.create("http://" + TargetSpec.address(target.host(), port) + "/api/users/"
                + URLEncoder.encode(next.username(), StandardCharsets.UTF_8).replace("+", "%20"));
        String what = "changing the password of '" + next.username() + "' as '" + admin.username() + "' on " + target.describe()
                + " (management port " + port + ")";
        try {
            HttpResponse<String> current = send(HttpRequest.newBuilder(user).GET(), admin);
            if (current.statusCode() != 200) {
                throw Failures.ofChange(statusOf(current.statusCode()), what + " failed reading the user: HTTP " + current.statusCode(),
                        ADVICE, null);
            }
            ObjectNode body = JSON.createObjectNode().put("password", next.password());
            body.set("tags", tags(JSON.readTree(current.body())));
            HttpResponse<String> changed = send(HttpRequest.newBuilder(user).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))), admin);
            if (changed.statusCode() / 100 != 2) {
                throw Failures.ofChange(statusOf(changed.statusCode()), what + " failed: HTTP " + changed.statusCode(), ADVICE, null);
            }
        } catch (IOException e) {
            throw Failures.ofChange(Status.UNREACHABLE, Failures.scrub(what + " failed: " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), next.password()), ADVICE, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw Failures.ofChange(Status.UNREACHABLE, what + " was interrupted", ADVICE, e);
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request, Credential admin) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((admin.username() + ":" + admin.password()).getBytes(StandardCharsets.UTF_8));
        return http.send(request.timeout(timeouts.io()).header("Authorization", "Basic " + basic).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** RabbitMQ 3.x answers tags as one comma-separated string, 4.x as a list: both are sent back as they came. */
    private static JsonNode tags(JsonNode user) {
        JsonNode tags = user.path("tags");
        return tags.isMissingNode() ? JSON.getNodeFactory().textNode("") : tags;
    }

    /** 401/403: the admin was refused; 5xx: the server could not answer now; anything else is an answer. */
    private static Status statusOf(int httpStatus) {
        if (httpStatus == 401 || httpStatus == 403) {
            return Status.AUTH_FAILED;
        }
        return httpStatus >= 500 ? Status.UNREACHABLE : Status.OTHER;
    }
}
