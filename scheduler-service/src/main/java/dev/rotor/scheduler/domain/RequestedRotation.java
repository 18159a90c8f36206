package dev.rotor.scheduler.domain;

import java.util.Optional;

/** A published rotation request, and the rotation that was already in flight for the secret, if any. */
public record RequestedRotation(RotationRequest request, Optional<String> alreadyInFlight) {
}
