package dev.rotor.rotator.domain;

import dev.rotor.target.Credential;

/**
 * The promoted credential of a secret at one store version. {@code rotationId} names the rotation
 * that promoted it (null for a credential written by someone else), so a repeated promotion is
 * recognised as done.
 */
public record StoreEntry(int version, Credential credential, String rotationId) {
}
