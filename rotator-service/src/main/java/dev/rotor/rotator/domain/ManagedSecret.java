package dev.rotor.rotator.domain;

import dev.rotor.target.Strategy;
import dev.rotor.target.TargetSpec;

/** A registered secret: where its current credential is stored, what it opens, and how a rotation changes it. */
public record ManagedSecret(String secretId, String mount, String path, TargetSpec target, Strategy strategy) {
}
