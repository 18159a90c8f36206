package dev.rotor.audit.rest;

import java.util.List;

import dev.rotor.audit.domain.EventType;
import dev.rotor.audit.domain.LifecycleEvent;
import dev.rotor.audit.domain.RotationState;
import dev.rotor.audit.domain.RotationTimeline;

/**
 * One rotation's timeline, in protocol order.
 *
 * @param terminal the terminal event's type ({@code RotationCompleted}, ...), null while none arrived
 * @param state IN_FLIGHT, or the outcome the terminal stands for
 */
public record RotationView(String rotationId, String secretId, RotationState state, String terminal, List<LifecycleEvent> events) {

    static RotationView of(RotationTimeline timeline) {
        return new RotationView(timeline.rotationId(), timeline.secretId(), timeline.state(),
                timeline.terminal().map(EventType::schemaName).orElse(null), timeline.events());
    }
}
