package dev.rotor.verifier.domain;

import java.util.UUID;

/** A SecretUpdated as the verifier needs it: which staged credential to try where. */
public record VerificationRequest(UUID eventId, String rotationId, String secretId, LoginTarget target, StagingRef staging) {
}
