package dev.rotor.audit.stream;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import dev.rotor.audit.domain.CompletenessCheck;
import dev.rotor.audit.domain.IncompletenessFinding;
import dev.rotor.audit.domain.LifecycleEvent;
import dev.rotor.audit.domain.RotationTimeline;

/**
 * Keeps each rotation's timeline (keyed by rotationId) and forwards the findings about it. Two
 * small stores keep the clock's work small: the rotations the clock may still change (deadline or
 * grace not yet over) with when to look again, and the rotations with a finding unresolved (read by
 * the incomplete-rotations gauge and {@code GET /api/rotations?incomplete=true}).
 */
final class CompletenessTracker implements Processor<String, LifecycleEvent, String, IncompletenessFinding> {

    private final CompletenessCheck check;
    private final Duration checkInterval;
    private ProcessorContext<String, IncompletenessFinding> context;
    private KeyValueStore<String, RotationTimeline> timelines;
    private KeyValueStore<String, Long> watched;
    private KeyValueStore<String, String> incomplete;

    CompletenessTracker(CompletenessCheck check, Duration checkInterval) {
        this.check = check;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, IncompletenessFinding> context) {
        this.context = context;
        this.timelines = context.getStateStore(AuditTopology.ROTATION_TIMELINE_STORE);
        this.watched = context.getStateStore(AuditTopology.COMPLETENESS_WATCH_STORE);
        this.incomplete = context.getStateStore(AuditTopology.INCOMPLETE_ROTATIONS_STORE);
        // Wall-clock time: a rotation that never ends produces no event that could advance stream time.
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::checkClock);
    }

    @Override
    public void process(Record<String, LifecycleEvent> record) {
        RotationTimeline before = timelines.get(record.key());
        CompletenessCheck.Outcome outcome = check.onEvent(before == null ? RotationTimeline.empty() : before, record.value(), now());
        if (outcome.timeline() != before) {
            save(outcome, record.timestamp());
        }
    }

    private void checkClock(long wallClockMs) {
        Instant now = Instant.ofEpochMilli(wallClockMs);
        List<String> due = new ArrayList<>();
        try (KeyValueIterator<String, Long> entries = watched.all()) {
            while (entries.hasNext()) {
                KeyValue<String, Long> entry = entries.next();
                if (entry.value <= wallClockMs) {
                    due.add(entry.key);
                }
            }
        }
        for (String rotationId : due) {
            save(check.onClock(timelines.get(rotationId), now), wallClockMs);
        }
    }

    private void save(CompletenessCheck.Outcome outcome, long timestamp) {
        RotationTimeline timeline = outcome.timeline();
        String rotationId = timeline.rotationId();
        timelines.put(rotationId, timeline);
        check.nextCheckAt(timeline).ifPresentOrElse(
                next -> watched.put(rotationId, next.toEpochMilli()),
                () -> watched.delete(rotationId));
        if (timeline.isIncomplete()) {
            incomplete.put(rotationId, timeline.secretId());
        } else {
            incomplete.delete(rotationId);
        }
        for (IncompletenessFinding finding : outcome.published()) {
            context.forward(new Record<>(rotationId, finding, timestamp));
        }
    }

    private Instant now() {
        return Instant.ofEpochMilli(context.currentSystemTimeMs());
    }
}
