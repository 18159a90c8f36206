package dev.rotor.rotator.domain;

/** A registered secret: where its current credential is stored and what it opens. */
public record ManagedSecret(String secretId, String mount, String path, Target target) {
}
