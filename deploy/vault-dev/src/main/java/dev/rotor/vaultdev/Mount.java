package dev.rotor.vaultdev;

import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** A secrets engine mounted at a path; only the part matching its type is used. */
final class Mount {

    static final String KV = "kv";
    static final String TRANSIT = "transit";

    String path;
    String type;
    String description;
    String uuid;
    String accessor;
    Map<String, String> options;

    KvStore kv;
    TreeMap<String, TransitKey> transitKeys;

    static Mount kvV2(String path, String description) {
        Mount mount = create(path, KV, description);
        mount.options = Map.of("version", "2");
        mount.kv = new KvStore();
        return mount;
    }

    static Mount transit(String path, String description) {
        Mount mount = create(path, TRANSIT, description);
        mount.transitKeys = new TreeMap<>();
        return mount;
    }

    private static Mount create(String path, String type, String description) {
        Mount mount = new Mount();
        mount.path = path;
        mount.type = type;
        mount.description = description;
        mount.uuid = UUID.randomUUID().toString();
        mount.accessor = type + "_" + mount.uuid.substring(0, 8);
        return mount;
    }
}
