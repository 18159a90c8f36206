package dev.rotor.audit.domain;

import java.time.Instant;

import dev.rotor.contract.EventIds;
import dev.rotor.schema.IncompletenessKind;

/**
 * The audit's finding that one rotation's record is not whole, or (resolved) that a late event made
 * it whole. Published on rotation.incomplete and kept in the rotation's timeline.
 *
 * @param eventId derived from rotationId, kind and resolved (EventIds#ofFinding), so that a replay republishes the same ids,
 *                and the scheduler's finding of the same fact has the same id
 * @param detectedAt wall-clock time of the audit when it found (or resolved) it
 * @param detail what is missing or doubled and what to check next
 * @param lastEventType the latest step seen of the rotation (schema name), if any
 * @param lastEventAt when that step happened
 * @param deadline the rotation's deadline (its RotationRequested's, else requested + the default)
 */
public record IncompletenessFinding(
        String eventId,
        String rotationId,
        String secretId,
        FindingKind kind,
        String detail,
        Instant detectedAt,
        String lastEventType,
        Instant lastEventAt,
        Instant deadline,
        boolean resolved) {

    public static String eventIdOf(String rotationId, FindingKind kind, boolean resolved) {
        return EventIds.ofFinding(rotationId, IncompletenessKind.valueOf(kind.name()), resolved).toString();
    }
}
