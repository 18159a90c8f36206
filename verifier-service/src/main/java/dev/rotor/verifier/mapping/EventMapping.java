package dev.rotor.verifier.mapping;

import java.time.Instant;

import dev.rotor.contract.EventIds;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.VerificationFailed;
import dev.rotor.schema.VerificationFailureCategory;
import dev.rotor.schema.VerificationSucceeded;
import dev.rotor.target.TargetSpec;
import dev.rotor.verifier.domain.Registration;
import dev.rotor.verifier.domain.StagingRef;
import dev.rotor.verifier.domain.VerificationOutcome;
import dev.rotor.verifier.domain.VerificationRequest;

/** Avro events to and from the verifier's domain. */
public final class EventMapping {

    private EventMapping() {
    }

    public static VerificationRequest toRequest(SecretUpdated event) {
        return new VerificationRequest(event.getEventId(), event.getRotationId(), event.getSecretId(), TargetSpec.of(event.getTarget()),
                new StagingRef(event.getStaging().getMount(), event.getStaging().getPath()));
    }

    public static Registration toRegistration(SecretRegistered registered) {
        return new Registration(registered.getSecretId(), registered.getStore().getMount(), registered.getStore().getPath(),
                TargetSpec.of(registered.getTarget()));
    }

    /** The eventId is derived from the rotation, so a re-verification after a restart republishes the same event. */
    public static VerificationSucceeded succeeded(VerificationRequest request, VerificationOutcome.Verified verified) {
        return VerificationSucceeded.newBuilder()
                .setEventId(EventIds.of(request.rotationId(), VerificationSucceeded.class))
                .setRotationId(request.rotationId())
                .setSecretId(request.secretId())
                .setOccurredAt(Instant.now())
                .setProbe(verified.probe())
                .setDurationMs(verified.durationMs())
                .setAttempts(verified.attempts())
                .build();
    }

    public static VerificationFailed failed(VerificationRequest request, VerificationOutcome.NotVerified notVerified) {
        return VerificationFailed.newBuilder()
                .setEventId(EventIds.of(request.rotationId(), VerificationFailed.class))
                .setRotationId(request.rotationId())
                .setSecretId(request.secretId())
                .setOccurredAt(Instant.now())
                .setCategory(VerificationFailureCategory.valueOf(notVerified.category().name()))
                .setDetail(notVerified.detail())
                .setProbe(notVerified.probe())
                .setAttempts(notVerified.attempts())
                .build();
    }
}
