package dev.rotor.verifier.domain;

import dev.rotor.target.TargetSpec;

/** A secret as registered on secret.registry: where the store keeps it and what it opens. No values. */
public record Registration(String secretId, String mount, String path, TargetSpec target) {
}
