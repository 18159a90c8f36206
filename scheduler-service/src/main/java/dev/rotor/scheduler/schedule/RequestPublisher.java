package dev.rotor.scheduler.schedule;

import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.schema.RotationReason;

/** Where the engine's decisions go: rotation.requested, recorded in the ledger. */
public interface RequestPublisher {

    /** A request stamped now, with the configured deadline. */
    RotationRequest newRequest(String rotationId, String secretId, RotationReason reason, String initiator, int attempt,
            String approvedBy, String detail);

    /** Blocking: waits for Kafka's acknowledgement. */
    RotationRequest publish(RotationRequest request);
}
