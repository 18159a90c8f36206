package dev.rotor.vaultdev;

import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/** A KV v2 key's metadata and its versions (Vault's KeyMetadata). */
final class KvSecret {

    Instant createdTime;
    Instant updatedTime;
    long currentVersion;
    /** Starts at 0 and only moves when max_versions trims, exactly as Vault reports it. */
    long oldestVersion;
    int maxVersions;
    boolean casRequired;
    Map<String, String> customMetadata;
    TreeMap<Long, KvVersion> versions = new TreeMap<>();

    /**
     * Appends a version and permanently drops the oldest ones beyond the limit. Vault takes the
     * larger of the key's and the mount's max_versions, and 10 when both are 0.
     */
    KvVersion addVersion(KvVersion version, int mountMaxVersions) {
        currentVersion++;
        versions.put(currentVersion, version);
        updatedTime = version.createdTime;
        if (createdTime == null) {
            createdTime = version.createdTime;
        }
        int limit = Math.max(maxVersions, mountMaxVersions);
        if (limit <= 0) {
            limit = KvStore.DEFAULT_MAX_VERSIONS;
        }
        if (currentVersion - oldestVersion >= limit) {
            long lastToDrop = currentVersion - limit;
            versions.headMap(lastToDrop, true).clear();
            oldestVersion = lastToDrop + 1;
        }
        return version;
    }
}
