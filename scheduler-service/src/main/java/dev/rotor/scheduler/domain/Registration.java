package dev.rotor.scheduler.domain;

/** A registration published to secret.registry; {@code replaced} when the id was registered before. */
public record Registration(ManagedSecret secret, boolean replaced) {
}
