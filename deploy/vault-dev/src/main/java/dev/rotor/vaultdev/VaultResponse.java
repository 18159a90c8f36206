package dev.rotor.vaultdev;

import java.util.List;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A status and the JSON body to send; {@code body == null} means no body (204, or HEAD). */
record VaultResponse(int status, JsonNode body) {

    static VaultResponse noContent() {
        return new VaultResponse(204, null);
    }

    static VaultResponse data(JsonNode data) {
        return envelope(data, null, List.of());
    }

    static VaultResponse data(JsonNode data, List<String> warnings) {
        return envelope(data, null, warnings);
    }

    static VaultResponse auth(ObjectNode auth, List<String> warnings) {
        return envelope(null, auth, warnings);
    }

    /**
     * Vault turns an endpoint that normally answers 204 into a 200 with only warnings when it has
     * something to say; clients (quarkus-vault included) accept 200 where they expect 204.
     */
    static VaultResponse warningsOrNoContent(List<String> warnings) {
        return warnings.isEmpty() ? noContent() : envelope(null, null, warnings);
    }

    /**
     * Some sys endpoints (mounts, capabilities) also repeat every field of {@code data} at the top
     * level of the answer, for clients older than the envelope; Vault still does.
     */
    static VaultResponse dataAlsoAtTopLevel(ObjectNode data) {
        VaultResponse response = data(data);
        ObjectNode body = (ObjectNode) response.body();
        data.fields().forEachRemaining(field -> body.set(field.getKey(), field.getValue().deepCopy()));
        return response;
    }

    /** For the few sys endpoints whose body is not Vault's usual envelope (sys/health, sys/seal-status). */
    static VaultResponse raw(JsonNode body) {
        return new VaultResponse(200, body);
    }

    /** Some Vault answers carry a full body with a non-200 status, e.g. 404 for a deleted version. */
    VaultResponse withStatus(int newStatus) {
        return new VaultResponse(newStatus, body);
    }

    private static VaultResponse envelope(JsonNode data, ObjectNode auth, List<String> warnings) {
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("request_id", UUID.randomUUID().toString());
        body.put("lease_id", "");
        body.put("renewable", false);
        body.put("lease_duration", 0);
        body.set("data", data);
        body.putNull("wrap_info");
        if (warnings.isEmpty()) {
            body.putNull("warnings");
        } else {
            warnings.forEach(body.putArray("warnings")::add);
        }
        body.set("auth", auth);
        return new VaultResponse(200, body);
    }
}
