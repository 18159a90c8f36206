package dev.rotor.audit.service;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.kafka.streams.state.HostInfo;
import org.eclipse.microprofile.jwt.JsonWebToken;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.audit.config.AuditConfig;

/**
 * Asks another audit instance for what its own stores hold ({@code local=true} on the same API, so
 * that the answer has the same shape and the other instance does not forward again), with the caller's own
 * bearer token: the peer checks it as it would the caller's, and no instance holds a credential of its own.
 */
@ApplicationScoped
class PeerClient {

    private final ObjectMapper json;
    private final Duration timeout;
    private final HttpClient http;
    private final JsonWebToken caller;

    PeerClient(ObjectMapper json, AuditConfig config, JsonWebToken caller) {
        this.json = json;
        this.caller = caller;
        this.timeout = config.peerTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** @param pathAndQuery already encoded, with {@code local=true} among its parameters; empty on a 404 */
    <T> Optional<T> get(HostInfo peer, String pathAndQuery, TypeReference<T> type) {
        URI uri = URI.create("http://" + peer.host() + ":" + peer.port() + pathAndQuery);
        HttpResponse<byte[]> response;
        try {
            response = http.send(HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json")
                    .header("Authorization", "Bearer " + caller.getRawToken()).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new PeerUnavailableException(uri, e.toString(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerUnavailableException(uri, "interrupted", e);
        }
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        if (response.statusCode() != 200) {
            throw new PeerUnavailableException(uri, "answered " + response.statusCode() + " " + new String(response.body()), null);
        }
        try {
            return Optional.of(json.readValue(response.body(), type));
        } catch (IOException e) {
            throw new PeerUnavailableException(uri, "answered something that is not the audit API's JSON: " + e.getMessage(), e);
        }
    }
}
