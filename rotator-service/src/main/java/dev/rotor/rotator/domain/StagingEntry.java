package dev.rotor.rotator.domain;

/**
 * A rotation in flight: the new credential, written before the target is touched, with the
 * rotation that owns it and the store version it replaces.
 */
public record StagingEntry(String rotationId, int previousVersion, Credential credential) {
}
