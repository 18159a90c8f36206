package dev.rotor.vaultdev;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Vault's transit secrets engine for symmetric keys: keys, rotate, config, encrypt, decrypt and
 * rewrap, single or with {@code batch_input} (quarkus-vault always sends batches). Key create,
 * rotate and config answer with the key's description, as Vault does since 1.14.
 */
final class TransitEngine {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Supplier<Instant> clock;

    TransitEngine(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** @param path the request path below the mount, e.g. {@code encrypt/tenant-a} */
    VaultResponse handle(VaultRequest request, String path, Map<String, TransitKey> keys) {
        String[] parts = path.split("/", -1);
        if (parts.length == 2 && parts[0].equals("keys") && parts[1].isEmpty() && request.operation() == Operation.LIST) {
            return listKeys(keys);
        }
        if (parts.length < 2 || parts[1].isEmpty()) {
            throw VaultError.unsupportedPath();
        }
        String name = parts[1];
        if (parts.length == 2) {
            return switch (parts[0]) {
                case "keys" -> key(request, name, keys);
                case "encrypt" -> {
                    request.require(Operation.UPDATE);
                    yield encrypt(request, name, keys);
                }
                case "decrypt" -> {
                    request.require(Operation.UPDATE);
                    yield decrypt(request, existing(keys, name, "encryption key not found"));
                }
                case "rewrap" -> {
                    request.require(Operation.UPDATE);
                    yield rewrap(request, existing(keys, name, "encryption key not found"));
                }
                default -> throw VaultError.unsupportedPath();
            };
        }
        if (parts.length == 3 && parts[0].equals("keys")) {
            return switch (parts[2]) {
                case "rotate" -> {
                    request.require(Operation.UPDATE);
                    TransitKey key = existing(keys, name, "key not found");
                    key.rotate(clock.get());
                    yield VaultResponse.data(describe(key));
                }
                case "config" -> {
                    request.require(Operation.UPDATE);
                    yield configure(request, existing(keys, name, "no existing key named " + name + " could be found"));
                }
                default -> throw VaultError.unsupportedPath();
            };
        }
        throw VaultError.unsupportedPath();
    }

    /**
     * Vault's existence check for transit: only encrypt has one, because encrypting with a key
     * that does not exist creates the key; that call needs "create", the others "update".
     */
    boolean createsNew(String path, Map<String, TransitKey> keys) {
        return path.startsWith("encrypt/") && !keys.containsKey(path.substring("encrypt/".length()));
    }

    private VaultResponse key(VaultRequest request, String name, Map<String, TransitKey> keys) {
        switch (request.operation()) {
            case READ -> {
                TransitKey key = keys.get(name);
                if (key == null) {
                    throw VaultError.notFound();
                }
                return VaultResponse.data(describe(key));
            }
            case UPDATE -> {
                TransitKey key = keys.get(name);
                List<String> warnings = new ArrayList<>();
                if (key == null) {
                    key = TransitKey.create(name, keyType(request), clock.get());
                    key.exportable = Params.boolValue(request.body().get("exportable"), "exportable");
                    key.allowPlaintextBackup = Params.boolValue(request.body().get("allow_plaintext_backup"), "allow_plaintext_backup");
                    keys.put(name, key);
                } else {
                    warnings.add("key " + name + " already existed");
                }
                return VaultResponse.data(describe(key), warnings);
            }
            case DELETE -> {
                TransitKey key = keys.get(name);
                if (key == null) {
                    throw VaultError.badRequest("error deleting policy " + name + ": could not delete key; not found");
                }
                if (!key.deletionAllowed) {
                    throw VaultError.badRequest("error deleting policy " + name + ": deletion is not allowed for this policy");
                }
                keys.remove(name);
                return VaultResponse.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        }
    }

    private VaultResponse listKeys(Map<String, TransitKey> keys) {
        if (keys.isEmpty()) {
            throw VaultError.notFound();
        }
        ObjectNode data = JSON.objectNode();
        keys.keySet().forEach(data.putArray("keys")::add);
        return VaultResponse.data(data);
    }

    /** The checks and messages of Vault's transit key config endpoint. */
    private VaultResponse configure(VaultRequest request, TransitKey key) {
        ObjectNode body = request.body();
        List<String> warnings = new ArrayList<>();
        int minDecryption = key.minDecryptionVersion;
        int minEncryption = key.minEncryptionVersion;
        if (body.has("min_decryption_version")) {
            minDecryption = Params.intValue(body.get("min_decryption_version"), "min_decryption_version");
            if (minDecryption < 0) {
                throw VaultError.badRequest("min decryption version cannot be negative");
            }
            if (minDecryption == 0) {
                minDecryption = 1;
                warnings.add("since Vault 0.3, transit key numbering starts at 1; forcing minimum to 1");
            }
            if (minDecryption > key.latestVersion()) {
                throw VaultError.badRequest("cannot set min decryption version of " + minDecryption
                        + ", latest key version is " + key.latestVersion());
            }
        }
        if (body.has("min_encryption_version")) {
            minEncryption = Params.intValue(body.get("min_encryption_version"), "min_encryption_version");
            if (minEncryption < 0) {
                throw VaultError.badRequest("min encryption version cannot be negative");
            }
            if (minEncryption > key.latestVersion()) {
                throw VaultError.badRequest("cannot set min encryption version of " + minEncryption
                        + ", latest key version is " + key.latestVersion());
            }
        }
        if (minEncryption > 0 && minEncryption < minDecryption) {
            throw VaultError.badRequest("cannot set min encryption/decryption values; min encryption version of "
                    + minEncryption + " must be greater than or equal to min decryption version of " + minDecryption);
        }
        if (body.has("exportable")) {
            boolean exportable = Params.boolValue(body.get("exportable"), "exportable");
            if (key.exportable && !exportable) {
                throw VaultError.badRequest("export cannot be disabled on a key that already has it enabled");
            }
            key.exportable = exportable;
        }
        if (Params.durationSeconds(body.get("auto_rotate_period"), "auto_rotate_period") != 0) {
            throw VaultError.badRequest("auto_rotate_period is not supported by the Rotor Vault dev server");
        }
        key.minDecryptionVersion = minDecryption;
        key.minEncryptionVersion = minEncryption;
        if (body.has("deletion_allowed")) {
            key.deletionAllowed = Params.boolValue(body.get("deletion_allowed"), "deletion_allowed");
        }
        if (body.has("allow_plaintext_backup")) {
            key.allowPlaintextBackup = Params.boolValue(body.get("allow_plaintext_backup"), "allow_plaintext_backup");
        }
        return VaultResponse.data(describe(key), warnings);
    }

    /** Like Vault, encrypting with a key that does not exist yet creates it ("upsert"). */
    private VaultResponse encrypt(VaultRequest request, String name, Map<String, TransitKey> keys) {
        BatchInput input = BatchInput.of(request, "plaintext", "missing plaintext to encrypt");
        TransitKey key = keys.computeIfAbsent(name, n -> TransitKey.create(n, keyType(request), clock.get()));
        return input.answer(item -> {
            byte[] plaintext = decodeBase64(item.get("plaintext"), "failed to base64-decode plaintext");
            return ciphertext(key.encrypt(plaintext, associatedData(item), Params.intValue(item.get("key_version"), "key_version")));
        });
    }

    private VaultResponse decrypt(VaultRequest request, TransitKey key) {
        return BatchInput.of(request, "ciphertext", "missing ciphertext to decrypt").answer(item -> {
            byte[] plaintext = key.decrypt(Params.stringValue(item.get("ciphertext")), associatedData(item));
            ObjectNode result = JSON.objectNode();
            result.put("plaintext", Base64.getEncoder().encodeToString(plaintext));
            return result;
        });
    }

    private VaultResponse rewrap(VaultRequest request, TransitKey key) {
        return BatchInput.of(request, "ciphertext", "missing ciphertext to rewrap").answer(item -> {
            byte[] plaintext = key.decrypt(Params.stringValue(item.get("ciphertext")), associatedData(item));
            return ciphertext(key.encrypt(plaintext, associatedData(item), Params.intValue(item.get("key_version"), "key_version")));
        });
    }

    private static ObjectNode ciphertext(String ciphertext) {
        ObjectNode result = JSON.objectNode();
        result.put("ciphertext", ciphertext);
        result.put("key_version", Integer.parseInt(ciphertext.substring("vault:v".length(), ciphertext.indexOf(':', "vault:v".length()))));
        return result;
    }

    /**
     * The items of an encrypt, decrypt or rewrap call. Vault handles a single item as a batch of
     * one; in batch mode a failed item carries its error and makes the whole answer 400 (500 for
     * internal errors) while the other items keep their results, unless
     * partial_failure_response_code says otherwise for a partly successful batch.
     */
    private record BatchInput(ObjectNode body, JsonNode items) {

        static BatchInput of(VaultRequest request, String requiredField, String missingMessage) {
            JsonNode items = request.body().get("batch_input");
            if (items == null || items.isNull()) {
                if (!request.body().has(requiredField)) {
                    throw VaultError.badRequest(missingMessage);
                }
                return new BatchInput(request.body(), null);
            }
            if (!items.isArray() || items.isEmpty()) {
                throw VaultError.badRequest("missing batch input to process");
            }
            return new BatchInput(request.body(), items);
        }

        VaultResponse answer(Function<JsonNode, ObjectNode> operation) {
            if (items == null) {
                return VaultResponse.data(operation.apply(body));
            }
            ObjectNode data = JSON.objectNode();
            ArrayNode results = data.putArray("batch_results");
            int failureStatus = 0;
            boolean anySuccess = false;
            for (JsonNode item : items) {
                ObjectNode result;
                try {
                    result = operation.apply(item);
                    anySuccess = true;
                } catch (VaultError e) {
                    result = JSON.objectNode();
                    result.put("error", String.join("; ", e.errors));
                    failureStatus = Math.max(failureStatus, e.status);
                }
                if (item.hasNonNull("reference")) {
                    result.put("reference", item.get("reference").asText());
                }
                results.add(result);
            }
            VaultResponse response = VaultResponse.data(data);
            if (failureStatus == 0) {
                return response;
            }
            int partialCode = Params.intValue(body.get("partial_failure_response_code"), "partial_failure_response_code");
            return response.withStatus(anySuccess && partialCode >= 1 && partialCode <= 599 ? partialCode : failureStatus);
        }
    }

    private static TransitKey existing(Map<String, TransitKey> keys, String name, String missingMessage) {
        TransitKey key = keys.get(name);
        if (key == null) {
            throw VaultError.badRequest(missingMessage);
        }
        return key;
    }

    private static String keyType(VaultRequest request) {
        JsonNode type = request.body().get("type");
        String name = type == null || type.isNull() ? TransitKey.AES256_GCM96 : type.asText();
        if (!TransitKey.isSupportedType(name)) {
            throw VaultError.badRequest("key type " + name + " is not supported by the Rotor Vault dev server"
                    + " (supported: aes256-gcm96, aes128-gcm96)");
        }
        return name;
    }

    private static byte[] associatedData(JsonNode item) {
        JsonNode value = item.get("associated_data");
        return value == null || value.isNull() ? null : decodeBase64(value, "failed to base64-decode associated_data");
    }

    private static byte[] decodeBase64(JsonNode value, String message) {
        try {
            return Base64.getDecoder().decode(Params.stringValue(value));
        } catch (IllegalArgumentException e) {
            throw VaultError.badRequest(message);
        }
    }

    /** Vault's formatKeyPolicy for a symmetric key. */
    private static ObjectNode describe(TransitKey key) {
        ObjectNode data = JSON.objectNode();
        data.put("allow_plaintext_backup", key.allowPlaintextBackup);
        data.put("auto_rotate_period", 0);
        data.put("deletion_allowed", key.deletionAllowed);
        data.put("derived", false);
        data.put("exportable", key.exportable);
        data.put("imported_key", false);
        ObjectNode versions = data.putObject("keys");
        key.versions.forEach((number, version) -> versions.put(Integer.toString(number), version.creationTime));
        data.put("latest_version", key.latestVersion());
        data.put("min_available_version", 0);
        data.put("min_decryption_version", key.minDecryptionVersion);
        data.put("min_encryption_version", key.minEncryptionVersion);
        data.put("name", key.name);
        data.put("supports_decryption", true);
        data.put("supports_derivation", true);
        data.put("supports_encryption", true);
        data.put("supports_signing", false);
        data.put("type", key.type);
        return data;
    }
}
