package dev.rotor.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.rotor.vaultdev.VaultDevServer;

/**
 * The Vault the services use, the Rotor dev server (a labelled stand-in for HashiCorp Vault) as its own OS process, as
 * {@code ./rotor up} runs it: a fault test SIGKILLs it or seals it, and its data file keeps every acknowledged write.
 */
final class VaultProcess {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ServiceProcess process;
    private final String rootToken;

    VaultProcess(int port, String rootToken, Path logDir) {
        this.rootToken = rootToken;
        Path jar = ServiceProcess.Application.packaged("deploy/vault-dev/target/rotor-vault-dev-0.1.0-SNAPSHOT.jar");
        this.process = new ServiceProcess("vault", port, new ServiceProcess.Application(List.of("-Xmx128m", "-XX:+UseSerialGC", "-jar",
                jar.toString()), ServiceProcess.Application.answers200("http://127.0.0.1:" + port + "/v1/sys/health"), null),
                Map.of("ROTOR_VAULT_PORT", String.valueOf(port), "ROTOR_VAULT_DATA", logDir.resolve("vault/data.json").toString(),
                        "ROTOR_VAULT_TOKEN", rootToken),
                logDir);
    }

    String address() {
        return process.url();
    }

    String rootToken() {
        return rootToken;
    }

    void start() {
        process.start(Map.of());
    }

    /** SIGKILL, as a crashed host: clients' connections are refused until {@link #start}. */
    void kill() {
        process.kill();
    }

    void stop() {
        process.stop();
    }

    /** Seals it, as an operator or an HA failover would: every request but the seal's own answers 503. */
    void seal() throws Exception {
        send("/v1/sys/seal", "{}");
    }

    void unseal() throws Exception {
        send("/v1/sys/unseal", "{\"key\":\"" + VaultDevServer.DEFAULT_UNSEAL_KEY + "\"}");
    }

    private void send(String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(address() + path))
                .header("X-Vault-Token", rootToken).PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new AssertionError(path + " answered " + response.statusCode() + ": " + response.body());
        }
    }
}
