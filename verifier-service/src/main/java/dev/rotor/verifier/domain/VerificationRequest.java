package dev.rotor.verifier.domain;

import java.util.UUID;

import dev.rotor.target.TargetSpec;

/** A SecretUpdated as the verifier needs it: which staged credential to try where. */
public record VerificationRequest(UUID eventId, String rotationId, String secretId, TargetSpec target, StagingRef staging) {
}
