package dev.rotor.audit.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every step seen of one rotation, in protocol order whatever order the topics delivered them in.
 * Empty until its first event: the store's initializer does not know the rotation yet.
 */
public record RotationTimeline(String rotationId, String secretId, List<LifecycleEvent> events) {

    public RotationTimeline {
        events = List.copyOf(events);
    }

    public static RotationTimeline empty() {
        return new RotationTimeline(null, null, List.of());
    }

    /** This timeline with the event in its place; an event already in it (same eventId) changes nothing. */
    public RotationTimeline with(LifecycleEvent event) {
        if (events.stream().anyMatch(seen -> seen.eventId().equals(event.eventId()))) {
            return this;
        }
        List<LifecycleEvent> merged = new ArrayList<>(events);
        merged.add(event);
        merged.sort(LifecycleEvent.PROTOCOL_ORDER);
        return new RotationTimeline(event.rotationId(), event.secretId(), merged);
    }

    /** The terminal event the rotation reached, if it reached one. */
    public Optional<EventType> terminal() {
        return events.stream().map(LifecycleEvent::type).filter(EventType::isTerminal).reduce((first, last) -> last);
    }

    public RotationState state() {
        return terminal().map(EventType::resultingState)
                .orElse(events.isEmpty() ? RotationState.UNKNOWN : RotationState.IN_FLIGHT);
    }
}
