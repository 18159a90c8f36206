package dev.rotor.target.rabbitmq;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.rotor.target.Credential;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.Timeouts;
import dev.rotor.target.testing.TargetAccounts;

/**
 * Users of the machine's RabbitMQ (AMQP 127.0.0.1:5672, management API 127.0.0.1:15672, guest/guest, as this machine
 * and CI run it; {@code ./rotor test} enables the management plugin). Accounts may use vhost "/", the admin is tagged
 * administrator.
 */
public final class RabbitmqAccounts implements TargetAccounts {

    private static final String MANAGEMENT = "http://127.0.0.1:15672";
    private static final String GUEST = "Basic " + Base64.getEncoder().encodeToString("guest:guest".getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newHttpClient();
    private final RabbitmqKind kind = new RabbitmqKind(Timeouts.of(Duration.ofSeconds(5)));
    private final List<String> created = new ArrayList<>();
    private final List<String> vhosts = new ArrayList<>();
    private final String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
    private final Credential admin;

    public RabbitmqAccounts() throws Exception {
        HttpResponse<String> overview = management("GET", "/api/overview", null);
        if (overview.statusCode() != 200) {
            throw new IllegalStateException("RabbitMQ's management API at " + MANAGEMENT + " answered " + overview.statusCode()
                    + ": start RabbitMQ and run 'rabbitmq-plugins enable rabbitmq_management'");
        }
        admin = new Credential("rotor_adm_" + suffix, TargetAccounts.newPassword());
        createUser(admin, "administrator");
    }

    @Override
    public TargetKind kind() {
        return kind;
    }

    @Override
    public Account newAccount() throws Exception {
        Credential credential = new Credential("contract_" + created.size() + "_" + suffix, TargetAccounts.newPassword());
        createUser(credential, "");
        expectSuccess(management("PUT", "/api/permissions/%2F/" + credential.username(),
                "{\"configure\":\"\",\"write\":\"\",\"read\":\"\"}"));
        return new Account(new TargetSpec(RabbitmqKind.TYPE, "127.0.0.1", 5672, credential.username(), "admin/rabbitmq",
                Map.of("managementPort", "15672")), credential);
    }

    /** A vhost the user has no permission on: the login is accepted, the vhost is refused (NOT_ALLOWED). */
    @Override
    public Optional<Account> lockedOut(Account account) throws Exception {
        String vhost = "rotor-locked-" + suffix;
        expectSuccess(management("PUT", "/api/vhosts/" + vhost, null));
        vhosts.add(vhost);
        return Optional.of(new Account(TargetAccounts.on(account.target(), Map.of("vhost", vhost, "managementPort", "15672")), account.credential()));
    }

    @Override
    public Credential admin() {
        return admin;
    }

    @Override
    public void close() throws Exception {
        for (String user : created) {
            management("DELETE", "/api/users/" + user, null);
        }
        for (String vhost : vhosts) {
            management("DELETE", "/api/vhosts/" + vhost, null);
        }
    }

    /** One call to the management API as guest. */
    HttpResponse<String> management(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(MANAGEMENT + path)).header("Authorization", GUEST)
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    void createUser(Credential credential, String tags) throws Exception {
        created.add(credential.username());
        expectSuccess(management("PUT", "/api/users/" + credential.username(), "{\"password\":\"" + credential.password()
                + "\",\"tags\":\"" + tags + "\"}"));
    }

    private static void expectSuccess(HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("RabbitMQ's management API answered " + response.statusCode() + ": " + response.body());
        }
    }
}
