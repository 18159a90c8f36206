package dev.rotor.verifier.domain;

/** A staging entry in the store: a Vault KV v2 mount and path, never its content. */
public record StagingRef(String mount, String path) {

    @Override
    public String toString() {
        return mount + "/" + path;
    }
}
