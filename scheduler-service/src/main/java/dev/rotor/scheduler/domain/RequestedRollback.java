package dev.rotor.scheduler.domain;

import java.util.UUID;

/** A rollback of a rotation; {@code alreadyRequested} when this scheduler had published it before, and did not again. */
public record RequestedRollback(String rotationId, String secretId, UUID eventId, boolean alreadyRequested) {
}
