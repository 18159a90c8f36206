package dev.rotor.audit.mapping;

import java.util.UUID;

import dev.rotor.audit.domain.IncompletenessFinding;
import dev.rotor.schema.IncompletenessKind;
import dev.rotor.schema.RotationIncomplete;

/** A finding as rotation.incomplete publishes it. */
public final class IncompletenessMapper {

    private IncompletenessMapper() {
    }

    public static RotationIncomplete toAvro(IncompletenessFinding finding) {
        return RotationIncomplete.newBuilder()
                .setEventId(UUID.fromString(finding.eventId()))
                .setRotationId(finding.rotationId())
                .setSecretId(finding.secretId())
                .setDetectedAt(finding.detectedAt())
                .setKind(IncompletenessKind.valueOf(finding.kind().name()))
                .setDetail(finding.detail())
                .setLastEventType(finding.lastEventType())
                .setLastEventAt(finding.lastEventAt())
                .setDeadline(finding.deadline())
                .setResolved(finding.resolved())
                .build();
    }
}
