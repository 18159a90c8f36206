package dev.rotor.audit.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides whether a rotation's audit trail is whole. It judges what the events prove, not the order
 * they arrived in, so the findings are the same for any arrival order and for redeliveries. Two
 * triggers: an event (duplicates, conflicts, and late events that resolve a finding) and the clock
 * (a deadline passed, a grace period for missing predecessors ran out).
 */
public final class CompletenessCheck {

    private final Duration defaultDeadline;
    private final Duration predecessorGrace;

    /** @param defaultDeadline deadline of a rotation whose RotationRequested names none, from its request
     *  @param predecessorGrace how long a terminal may wait for the steps before it to arrive */
    public CompletenessCheck(Duration defaultDeadline, Duration predecessorGrace) {
        this.defaultDeadline = defaultDeadline;
        this.predecessorGrace = predecessorGrace;
    }

    /** The timeline after a check, and the findings (new or resolved) to publish. */
    public record Outcome(RotationTimeline timeline, List<IncompletenessFinding> published) {
    }

    public Outcome onEvent(RotationTimeline before, LifecycleEvent event, Instant now) {
        if (before.contains(event)) {
            return new Outcome(before, List.of());
        }
        RotationTimeline merged = before.with(event);
        List<IncompletenessFinding> published = new ArrayList<>();
        if (merged.finding(FindingKind.DUPLICATE_STEP).isEmpty()) {
            duplicateStep(merged).ifPresent(detail -> published.add(finding(merged, FindingKind.DUPLICATE_STEP, detail, now)));
        }
        if (merged.finding(FindingKind.CONFLICTING_TERMINAL).isEmpty()) {
            conflictingTerminals(merged).ifPresent(detail -> published.add(finding(merged, FindingKind.CONFLICTING_TERMINAL, detail, now)));
        }
        Optional<IncompletenessFinding> noTerminal = unresolved(merged, FindingKind.NO_TERMINAL_BY_DEADLINE);
        if (noTerminal.isPresent() && merged.terminal().isPresent()) {
            published.add(resolved(merged, noTerminal.get(), merged.terminal().get().schemaName() + " arrived after the deadline", now));
        }
        Set<EventType> missing = StepRules.missingBeforeTerminals(merged.events());
        Optional<IncompletenessFinding> missingPredecessor = unresolved(merged, FindingKind.MISSING_PREDECESSOR);
        if (missing.isEmpty() && missingPredecessor.isPresent()) {
            published.add(resolved(merged, missingPredecessor.get(), "the missing steps arrived", now));
        }
        RotationTimeline timeline = merged;
        for (IncompletenessFinding finding : published) {
            timeline = timeline.withFinding(finding);
        }
        if (missing.isEmpty()) {
            // Within the grace period: a late predecessor is ordinary cross-topic reordering, not a finding.
            timeline = timeline.withGapNoticedAt(null);
        } else if (timeline.gapNoticedAt() == null && timeline.finding(FindingKind.MISSING_PREDECESSOR).isEmpty()) {
            timeline = timeline.withGapNoticedAt(now);
        }
        return new Outcome(timeline, List.copyOf(published));
    }

    public Outcome onClock(RotationTimeline timeline, Instant now) {
        List<IncompletenessFinding> published = new ArrayList<>();
        Instant deadline = deadline(timeline);
        if (timeline.terminal().isEmpty() && timeline.finding(FindingKind.NO_TERMINAL_BY_DEADLINE).isEmpty() && now.isAfter(deadline)) {
            published.add(finding(timeline, FindingKind.NO_TERMINAL_BY_DEADLINE,
                    "no terminal event (RotationCompleted, RotationRolledBack, RollbackFailed or RotationFailed) by the deadline "
                            + deadline + "; steps seen: " + typesOf(timeline.events())
                            + ". Check the rotator's log for this rotationId and whether a staging entry of the secret is left in the store.",
                    now));
        }
        RotationTimeline checked = timeline;
        if (timeline.gapNoticedAt() != null && !now.isBefore(timeline.gapNoticedAt().plus(predecessorGrace))) {
            Set<EventType> missing = StepRules.missingBeforeTerminals(timeline.events());
            published.add(finding(timeline, FindingKind.MISSING_PREDECESSOR,
                    timeline.terminal().map(EventType::schemaName).orElseThrow() + " arrived but " + typesOf(missing)
                            + " did not within " + predecessorGrace + " after it. Look for them on their topics' DLQs and in the"
                            + " producing service's log; the rotation's outcome is as its terminal says.",
                    now));
            checked = checked.withGapNoticedAt(null);
        }
        for (IncompletenessFinding finding : published) {
            checked = checked.withFinding(finding);
        }
        return new Outcome(checked, List.copyOf(published));
    }

    /**
     * The earliest wall-clock time at which {@link #onClock} could find something, or empty when the
     * clock can no longer change anything for this rotation (then nobody needs to look at it again).
     */
    public Optional<Instant> nextCheckAt(RotationTimeline timeline) {
        Optional<Instant> deadline = timeline.terminal().isEmpty() && timeline.finding(FindingKind.NO_TERMINAL_BY_DEADLINE).isEmpty()
                ? Optional.of(deadline(timeline)) : Optional.empty();
        Optional<Instant> graceOver = Optional.ofNullable(timeline.gapNoticedAt()).map(noticed -> noticed.plus(predecessorGrace));
        return deadline.isEmpty() ? graceOver
                : graceOver.map(grace -> grace.isBefore(deadline.get()) ? grace : deadline.get()).or(() -> deadline);
    }

    /** The RotationRequested's deadline, else the default from its request (or from the first step seen, if the request is missing). */
    public Instant deadline(RotationTimeline timeline) {
        Optional<LifecycleEvent> request = timeline.events().stream()
                .filter(event -> event.type() == EventType.ROTATION_REQUESTED).findFirst();
        return request.map(LifecycleEvent::deadline)
                .orElseGet(() -> request.orElse(timeline.events().get(0)).occurredAt().plus(defaultDeadline));
    }

    private static Optional<String> duplicateStep(RotationTimeline timeline) {
        Map<EventType, Set<String>> idsByStep = timeline.events().stream().collect(Collectors.groupingBy(LifecycleEvent::type,
                () -> new TreeMap<>(), Collectors.mapping(LifecycleEvent::eventId, Collectors.toCollection(TreeSet::new))));
        return idsByStep.entrySet().stream().filter(step -> step.getValue().size() > 1).findFirst()
                .map(step -> step.getKey().schemaName() + " was published " + step.getValue().size() + " times with different eventIds "
                        + step.getValue() + ": the step ran more than once. A redelivery repeats its eventId; check the producing"
                        + " service's idempotency for this rotation and what the target and store hold now.");
    }

    private static Optional<String> conflictingTerminals(RotationTimeline timeline) {
        Set<EventType> terminals = new TreeSet<>(timeline.events().stream().map(LifecycleEvent::type).filter(EventType::isTerminal).toList());
        return terminals.size() < 2 ? Optional.empty()
                : Optional.of("the rotation has more than one outcome: " + typesOf(terminals)
                        + ". Check which credential authenticates against the target and which version the store holds.");
    }

    private static Optional<IncompletenessFinding> unresolved(RotationTimeline timeline, FindingKind kind) {
        return timeline.finding(kind).filter(finding -> !finding.resolved());
    }

    private IncompletenessFinding finding(RotationTimeline timeline, FindingKind kind, String detail, Instant now) {
        LifecycleEvent last = timeline.events().get(timeline.events().size() - 1);
        return new IncompletenessFinding(IncompletenessFinding.eventIdOf(timeline.rotationId(), kind, false), timeline.rotationId(),
                timeline.secretId(), kind, detail, now, last.type().schemaName(), last.occurredAt(), deadline(timeline), false);
    }

    private IncompletenessFinding resolved(RotationTimeline timeline, IncompletenessFinding finding, String why, Instant now) {
        LifecycleEvent last = timeline.events().get(timeline.events().size() - 1);
        return new IncompletenessFinding(IncompletenessFinding.eventIdOf(timeline.rotationId(), finding.kind(), true),
                timeline.rotationId(), timeline.secretId(), finding.kind(), "resolved: " + why + ". Was: " + finding.detail(), now,
                last.type().schemaName(), last.occurredAt(), deadline(timeline), true);
    }

    private static String typesOf(Collection<?> items) {
        return items.stream().map(item -> item instanceof LifecycleEvent event ? event.type().schemaName()
                : ((EventType) item).schemaName()).collect(Collectors.joining(", ", "[", "]"));
    }
}
