package dev.rotor.vaultdev;

import java.time.Instant;

import com.fasterxml.jackson.databind.node.ObjectNode;

/** One version of a KV v2 secret; {@code data} is dropped when the version is destroyed. */
final class KvVersion {

    Instant createdTime;
    Instant deletionTime;
    boolean destroyed;
    ObjectNode data;

    static KvVersion of(ObjectNode data, Instant createdTime) {
        KvVersion version = new KvVersion();
        version.data = data;
        version.createdTime = createdTime;
        return version;
    }

    boolean isDeleted(Instant now) {
        return deletionTime != null && !deletionTime.isAfter(now);
    }
}
