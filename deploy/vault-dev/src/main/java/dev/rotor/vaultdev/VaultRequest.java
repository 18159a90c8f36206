package dev.rotor.vaultdev;

import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * One API call after HTTP decoding: the path is relative to {@code /v1/} and, for LIST, ends with
 * a slash as Vault's router makes it.
 */
record VaultRequest(Operation operation, String path, Map<String, String> query, ObjectNode body, TokenEntry token) {

    /** Vault reads a field from the JSON body on writes and from the query string on reads. */
    JsonNode param(String name) {
        JsonNode value = body.get(name);
        if (value != null) {
            return value;
        }
        String fromQuery = query.get(name);
        return fromQuery == null ? null : TextNode.valueOf(fromQuery);
    }

    /** Vault answers an operation that a path does not support with 405. */
    void require(Operation expected) {
        if (operation != expected) {
            throw VaultError.unsupportedOperation();
        }
    }
}
