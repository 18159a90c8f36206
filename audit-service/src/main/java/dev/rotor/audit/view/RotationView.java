package dev.rotor.audit.view;

import java.time.Instant;
import java.util.List;

import dev.rotor.audit.domain.EventType;
import dev.rotor.audit.domain.IncompletenessFinding;
import dev.rotor.audit.domain.LifecycleEvent;
import dev.rotor.audit.domain.RotationState;
import dev.rotor.audit.domain.RotationTimeline;

/**
 * One rotation's timeline, in protocol order, with the audit's findings about it.
 *
 * @param terminal the terminal event's type ({@code RotationCompleted}, ...), null while none arrived
 * @param state IN_FLIGHT, or the outcome the terminal stands for
 * @param startedAt when its first step happened
 * @param incomplete a finding stands (unresolved): the record of this rotation is not whole
 * @param findings every finding, resolved ones too (each has kind, detail, deadline, last event)
 */
public record RotationView(
        String rotationId,
        String secretId,
        RotationState state,
        String terminal,
        Instant startedAt,
        boolean incomplete,
        List<IncompletenessFinding> findings,
        List<LifecycleEvent> events) {

    public static RotationView of(RotationTimeline timeline) {
        return new RotationView(timeline.rotationId(), timeline.secretId(), timeline.state(),
                timeline.terminal().map(EventType::schemaName).orElse(null),
                timeline.events().isEmpty() ? null : timeline.events().get(0).occurredAt(),
                timeline.isIncomplete(), timeline.findings(), timeline.events());
    }
}
