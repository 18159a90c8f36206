package dev.rotor.vaultdev;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Vault's KV version 2 secrets engine (vault-plugin-secrets-kv): data, metadata, delete, undelete,
 * destroy and config, with the same check-and-set rules, version window and answers. Field order
 * in answers is alphabetical because Vault (Go's JSON) prints maps that way.
 */
final class KvV2Engine {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final Supplier<Instant> clock;

    KvV2Engine(Supplier<Instant> clock) {
        this.clock = clock;
    }

    /** @param path the request path below the mount, e.g. {@code data/app/db} */
    VaultResponse handle(VaultRequest request, String path, KvStore store) {
        if (path.equals("config")) {
            return config(request, store);
        }
        if (path.equals("metadata") || path.startsWith("metadata/")) {
            return metadata(request, path.equals("metadata") ? "" : path.substring("metadata/".length()), store);
        }
        int slash = path.indexOf('/');
        if (slash < 0) {
            throw VaultError.unsupportedPath();
        }
        String key = path.substring(slash + 1);
        // Vault's pattern for these paths is ".*?[^/]$": a key never ends with a slash.
        if (key.isEmpty() || key.endsWith("/")) {
            throw VaultError.unsupportedPath();
        }
        return switch (path.substring(0, slash)) {
            case "data" -> data(request, key, store);
            case "delete" -> versions(request, key, store, this::softDelete);
            case "undelete" -> versions(request, key, store, (version, now) -> {
                if (!version.destroyed) {
                    version.deletionTime = null;
                }
            });
            case "destroy" -> versions(request, key, store, (version, now) -> {
                version.destroyed = true;
                version.data = null;
            });
            default -> throw VaultError.unsupportedPath();
        };
    }

    /**
     * Vault's existence check for this engine, which makes a write a "create" or an "update" for
     * the ACL: data/ and metadata/ writes create when the key has no metadata yet (a key whose
     * versions are all deleted still exists). The other paths have no check, so they update.
     */
    boolean createsNew(String path, KvStore store) {
        for (String endpoint : new String[] {"data/", "metadata/"}) {
            if (path.startsWith(endpoint)) {
                return !store.secrets.containsKey(path.substring(endpoint.length()));
            }
        }
        return false;
    }

    private VaultResponse data(VaultRequest request, String key, KvStore store) {
        return switch (request.operation()) {
            case READ -> readData(request, key, store);
            case UPDATE -> writeData(request, key, store);
            case DELETE -> {
                KvSecret secret = store.secrets.get(key);
                if (secret != null) {
                    KvVersion latest = secret.versions.get(secret.currentVersion);
                    if (latest != null) {
                        softDelete(latest, clock.get());
                    }
                }
                yield VaultResponse.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        };
    }

    private VaultResponse readData(VaultRequest request, String key, KvStore store) {
        KvSecret secret = store.secrets.get(key);
        if (secret == null) {
            throw VaultError.notFound();
        }
        long requested = Params.longValue(request.param("version"), "version");
        long number = requested > 0 ? requested : secret.currentVersion;
        KvVersion version = secret.versions.get(number);
        if (version == null) {
            throw VaultError.notFound();
        }
        ObjectNode data = JSON.objectNode();
        data.putNull("data");
        data.set("metadata", versionMetadata(secret, number, version));
        VaultResponse response = VaultResponse.data(data);
        // Like Vault: a deleted or destroyed version is a 404 that still shows its metadata.
        if (version.destroyed || version.isDeleted(clock.get())) {
            return response.withStatus(404);
        }
        data.set("data", version.data.deepCopy());
        return response;
    }

    private VaultResponse writeData(VaultRequest request, String key, KvStore store) {
        JsonNode data = request.body().get("data");
        if (data == null || data.isNull()) {
            throw VaultError.badRequest("no data provided");
        }
        if (!data.isObject()) {
            throw VaultError.badRequest("error converting input for field \"data\": expected a JSON object");
        }
        KvSecret secret = store.secrets.getOrDefault(key, new KvSecret());
        checkAndSet(request.body().get("options"), store, secret);
        KvVersion version = secret.addVersion(KvVersion.of(((ObjectNode) data).deepCopy(), clock.get()), store.maxVersions);
        store.secrets.put(key, secret);
        // Vault answers a write with the new version's metadata flat in "data".
        return VaultResponse.data(versionMetadata(secret, secret.currentVersion, version));
    }

    /** Vault's validateCheckAndSetOption, including mapstructure's weak decoding of "cas". */
    private static void checkAndSet(JsonNode options, KvStore store, KvSecret secret) {
        JsonNode cas = options != null && options.isObject() ? options.get("cas") : null;
        if (cas != null) {
            long expected;
            try {
                expected = Params.longValue(cas, "cas");
            } catch (VaultError e) {
                throw VaultError.badRequest("error parsing check-and-set parameter");
            }
            if (expected != secret.currentVersion) {
                throw VaultError.badRequest("check-and-set parameter did not match the current version");
            }
        } else if (store.casRequired || secret.casRequired) {
            throw VaultError.badRequest("check-and-set parameter required for this call");
        }
    }

    private VaultResponse metadata(VaultRequest request, String key, KvStore store) {
        switch (request.operation()) {
            case LIST -> {
                TreeSet<String> keys = store.childrenOf(key);
                if (keys.isEmpty()) {
                    throw VaultError.notFound();
                }
                ObjectNode data = JSON.objectNode();
                keys.forEach(data.putArray("keys")::add);
                return VaultResponse.data(data);
            }
            case READ -> {
                KvSecret secret = store.secrets.get(key);
                if (secret == null) {
                    throw VaultError.notFound();
                }
                return VaultResponse.data(keyMetadata(secret));
            }
            case UPDATE -> {
                return writeMetadata(request, key, store);
            }
            case DELETE -> {
                store.secrets.remove(key);
                return VaultResponse.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        }
    }

    private VaultResponse writeMetadata(VaultRequest request, String key, KvStore store) {
        if (key.isEmpty()) {
            throw VaultError.badRequest("missing path");
        }
        ObjectNode body = request.body();
        rejectDeleteVersionAfter(body);
        Map<String, String> customMetadata = body.has("custom_metadata") ? customMetadata(body.get("custom_metadata")) : null;
        KvSecret secret = store.secrets.get(key);
        if (secret == null) {
            secret = new KvSecret();
            secret.createdTime = clock.get();
            secret.updatedTime = secret.createdTime;
        }
        if (body.has("max_versions")) {
            secret.maxVersions = Params.intValue(body.get("max_versions"), "max_versions");
        }
        List<String> warnings = List.of();
        if (body.has("cas_required")) {
            secret.casRequired = Params.boolValue(body.get("cas_required"), "cas_required");
            if (store.casRequired && !secret.casRequired) {
                warnings = List.of("\"cas_required\" set to false, but is mandated by backend config. This value will be ignored.");
            }
        }
        if (customMetadata != null) {
            secret.customMetadata = customMetadata;
        }
        store.secrets.put(key, secret);
        return VaultResponse.warningsOrNoContent(warnings);
    }

    private VaultResponse config(VaultRequest request, KvStore store) {
        switch (request.operation()) {
            case READ -> {
                ObjectNode data = JSON.objectNode();
                data.put("cas_required", store.casRequired);
                data.put("delete_version_after", "0s");
                data.put("max_versions", store.maxVersions);
                return VaultResponse.data(data);
            }
            case UPDATE -> {
                ObjectNode body = request.body();
                rejectDeleteVersionAfter(body);
                if (body.has("max_versions")) {
                    store.maxVersions = Params.intValue(body.get("max_versions"), "max_versions");
                }
                if (body.has("cas_required")) {
                    store.casRequired = Params.boolValue(body.get("cas_required"), "cas_required");
                }
                return VaultResponse.noContent();
            }
            default -> throw VaultError.unsupportedOperation();
        }
    }

    /** delete, undelete and destroy: the same request shape, a different change per version. */
    private VaultResponse versions(VaultRequest request, String key, KvStore store, VersionChange change) {
        request.require(Operation.UPDATE);
        List<Long> numbers = Params.longList(request.body().get("versions"), "versions");
        if (numbers.isEmpty()) {
            throw VaultError.badRequest("no version number provided");
        }
        KvSecret secret = store.secrets.get(key);
        if (secret != null) {
            Instant now = clock.get();
            for (long number : numbers) {
                KvVersion version = secret.versions.get(number);
                if (version != null) {
                    change.apply(version, now);
                }
            }
        }
        return VaultResponse.noContent();
    }

    private void softDelete(KvVersion version, Instant now) {
        if (!version.destroyed && !version.isDeleted(now)) {
            version.deletionTime = now;
        }
    }

    /** Automatic deletion by age is not implemented; refusing beats silently keeping data forever. */
    private static void rejectDeleteVersionAfter(ObjectNode body) {
        if (body.has("delete_version_after") && Params.durationSeconds(body.get("delete_version_after"), "delete_version_after") != 0) {
            throw VaultError.badRequest("delete_version_after is not supported by the Rotor Vault dev server");
        }
    }

    private static Map<String, String> customMetadata(JsonNode raw) {
        Map<String, String> result = new TreeMap<>();
        if (raw != null && raw.isObject()) {
            raw.fields().forEachRemaining(field -> result.put(field.getKey(), Params.stringValue(field.getValue())));
        }
        return result.isEmpty() ? null : result;
    }

    private static ObjectNode versionMetadata(KvSecret secret, long number, KvVersion version) {
        ObjectNode metadata = JSON.objectNode();
        metadata.put("created_time", Timestamps.format(version.createdTime));
        metadata.set("custom_metadata", customMetadataNode(secret));
        metadata.put("deletion_time", Timestamps.format(version.deletionTime));
        metadata.put("destroyed", version.destroyed);
        metadata.put("version", number);
        return metadata;
    }

    private static ObjectNode keyMetadata(KvSecret secret) {
        ObjectNode data = JSON.objectNode();
        data.put("cas_required", secret.casRequired);
        data.put("created_time", Timestamps.format(secret.createdTime));
        data.put("current_version", secret.currentVersion);
        data.set("custom_metadata", customMetadataNode(secret));
        data.put("delete_version_after", "0s");
        data.put("max_versions", secret.maxVersions);
        data.put("oldest_version", secret.oldestVersion);
        data.put("updated_time", Timestamps.format(secret.updatedTime));
        ObjectNode versions = data.putObject("versions");
        secret.versions.forEach((number, version) -> {
            ObjectNode entry = versions.putObject(Long.toString(number));
            entry.put("created_time", Timestamps.format(version.createdTime));
            entry.put("deletion_time", Timestamps.format(version.deletionTime));
            entry.put("destroyed", version.destroyed);
        });
        return data;
    }

    private static JsonNode customMetadataNode(KvSecret secret) {
        if (secret.customMetadata == null) {
            return JSON.nullNode();
        }
        ObjectNode node = JSON.objectNode();
        secret.customMetadata.forEach(node::put);
        return node;
    }

    @FunctionalInterface
    private interface VersionChange {
        void apply(KvVersion version, Instant now);
    }
}
