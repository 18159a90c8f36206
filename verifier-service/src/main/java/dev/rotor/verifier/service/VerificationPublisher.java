package dev.rotor.verifier.service;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Channel;

import dev.rotor.schema.VerificationFailed;
import dev.rotor.schema.VerificationSucceeded;
import dev.rotor.verifier.Channels;
import dev.rotor.verifier.domain.VerificationOutcome;
import dev.rotor.verifier.domain.VerificationRequest;
import dev.rotor.verifier.mapping.EventMapping;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.Record;

/** Publishes verdicts keyed by secretId, and returns only once the broker has them (I5). */
@ApplicationScoped
class VerificationPublisher {

    private final MutinyEmitter<Record<String, VerificationSucceeded>> succeeded;
    private final MutinyEmitter<Record<String, VerificationFailed>> failed;

    VerificationPublisher(@Channel(Channels.VERIFICATION_SUCCEEDED) MutinyEmitter<Record<String, VerificationSucceeded>> succeeded,
            @Channel(Channels.VERIFICATION_FAILED) MutinyEmitter<Record<String, VerificationFailed>> failed) {
        this.succeeded = succeeded;
        this.failed = failed;
    }

    void publish(VerificationRequest request, VerificationOutcome outcome) {
        if (outcome instanceof VerificationOutcome.Verified verified) {
            succeeded.sendAndAwait(Record.of(request.secretId(), EventMapping.succeeded(request, verified)));
        } else if (outcome instanceof VerificationOutcome.NotVerified notVerified) {
            failed.sendAndAwait(Record.of(request.secretId(), EventMapping.failed(request, notVerified)));
        }
    }
}
