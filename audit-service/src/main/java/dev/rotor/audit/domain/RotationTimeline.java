package dev.rotor.audit.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every step seen of one rotation, in protocol order whatever order the topics delivered them in, and
 * the audit's findings about whether that record is whole. Empty until its first event: the store's
 * initializer does not know the rotation yet.
 *
 * @param findings the latest finding of each kind, resolved or not (see {@link CompletenessCheck})
 * @param gapNoticedAt wall-clock time the audit first saw a terminal whose predecessors are missing;
 *                     null when none are missing. The grace period runs from it.
 */
public record RotationTimeline(
        String rotationId,
        String secretId,
        List<LifecycleEvent> events,
        List<IncompletenessFinding> findings,
        Instant gapNoticedAt) {

    public RotationTimeline {
        events = List.copyOf(events);
        findings = findings == null ? List.of() : List.copyOf(findings);
    }

    public static RotationTimeline empty() {
        return new RotationTimeline(null, null, List.of(), List.of(), null);
    }

    /** This timeline with the event in its place; an event already in it (same eventId) changes nothing. */
    public RotationTimeline with(LifecycleEvent event) {
        if (contains(event)) {
            return this;
        }
        List<LifecycleEvent> merged = new ArrayList<>(events);
        merged.add(event);
        merged.sort(LifecycleEvent.PROTOCOL_ORDER);
        return new RotationTimeline(event.rotationId(), event.secretId(), merged, findings, gapNoticedAt);
    }

    public boolean contains(LifecycleEvent event) {
        return events.stream().anyMatch(seen -> seen.eventId().equals(event.eventId()));
    }

    /** The terminal event the rotation reached, if it reached one. */
    public Optional<EventType> terminal() {
        return events.stream().map(LifecycleEvent::type).filter(EventType::isTerminal).reduce((first, last) -> last);
    }

    public RotationState state() {
        return terminal().map(EventType::resultingState)
                .orElse(events.isEmpty() ? RotationState.UNKNOWN : RotationState.IN_FLIGHT);
    }

    /** Every step the events prove happened, whatever order they arrived in (requested, updated, verified …). */
    public Set<EventType> provenSteps() {
        return StepRules.provenBy(events);
    }

    public Optional<IncompletenessFinding> finding(FindingKind kind) {
        return findings.stream().filter(finding -> finding.kind() == kind).findFirst();
    }

    public List<IncompletenessFinding> unresolvedFindings() {
        return findings.stream().filter(finding -> !finding.resolved()).toList();
    }

    /** Whether a finding about this rotation stands: what {@code GET /api/rotations?incomplete=true} lists. */
    public boolean isIncomplete() {
        return !unresolvedFindings().isEmpty();
    }

    /** This timeline with the finding replacing any earlier one of its kind. */
    RotationTimeline withFinding(IncompletenessFinding finding) {
        List<IncompletenessFinding> updated = new ArrayList<>(findings);
        updated.removeIf(earlier -> earlier.kind() == finding.kind());
        updated.add(finding);
        return new RotationTimeline(rotationId, secretId, events, updated, gapNoticedAt);
    }

    RotationTimeline withGapNoticedAt(Instant noticedAt) {
        return new RotationTimeline(rotationId, secretId, events, findings, noticedAt);
    }
}
