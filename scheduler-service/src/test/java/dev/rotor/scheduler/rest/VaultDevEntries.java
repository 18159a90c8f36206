package dev.rotor.scheduler.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.stack.testing.RotorStack;

/** Writes entries to the Vault dev server the @QuarkusTests use, as an operator or the rotator would (each write is a version). */
final class VaultDevEntries {

    private VaultDevEntries() {
    }

    static void put(String path, Map<String, String> data) throws Exception {
        String json = new ObjectMapper().writeValueAsString(Map.of("data", data));
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(RotorStack.vault().address() + "/v1/secret/data/" + path))
                .header("X-Vault-Token", RotorStack.vault().rootToken())
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
}
