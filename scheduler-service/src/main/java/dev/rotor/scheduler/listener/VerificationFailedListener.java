package dev.rotor.scheduler.listener;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.rotor.scheduler.config.Channels;
import dev.rotor.scheduler.service.RollbackService;
import dev.rotor.schema.VerificationFailed;
import io.smallrye.reactive.messaging.annotations.Blocking;

/** A staged credential that does not work is rolled back without waiting for a person. */
@ApplicationScoped
class VerificationFailedListener {

    private final RollbackService rollbacks;

    VerificationFailedListener(RollbackService rollbacks) {
        this.rollbacks = rollbacks;
    }

    // Blocking: the rollback is acknowledged by Kafka before this record's offset is committed (I5).
    @Incoming(Channels.VERIFICATION_FAILED)
    @Blocking(ordered = true)
    void consume(VerificationFailed failure) {
        rollbacks.verificationFailed(failure.getRotationId(), failure.getSecretId(), failure.getCategory(), failure.getDetail());
    }
}
