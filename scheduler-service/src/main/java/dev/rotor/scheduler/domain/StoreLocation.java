package dev.rotor.scheduler.domain;

/** Where a credential lives: a Vault KV v2 mount and a path in it. Never the credential itself. */
public record StoreLocation(String mount, String path) {

    /** As Vault's API addresses the current version, for messages. */
    public String describe() {
        return mount + "/data/" + path;
    }
}
