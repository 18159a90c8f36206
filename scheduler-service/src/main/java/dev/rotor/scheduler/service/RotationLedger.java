package dev.rotor.scheduler.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.scheduler.domain.RotationEnded;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.scheduler.domain.SecretActivity;

/**
 * Per secret, the rotations requested and not yet ended, and when the last one completed. Built from
 * rotation.requested and the four terminal topics, which are separate topics and so arrive in no
 * particular order relative to each other: a rotation's end may be read before its request (always
 * so when the scheduler records its own request before reading it back). Ended rotations are
 * therefore remembered for a while, so that their request, read late, does not reopen them.
 * Replays and duplicates change nothing.
 */
@ApplicationScoped
public class RotationLedger {

    /** Far longer than the two topics' reading can drift apart, even replaying them from the start. */
    static final Duration REMEMBER_ENDED = Duration.ofHours(1);

    private final Clock clock;
    private final Map<String, Rotations> bySecret = new HashMap<>();
    /** The secrets with a rotation open: what the concurrency limits count, without looking at every secret. */
    private final Set<String> withOpenRotations = new HashSet<>();

    public RotationLedger(Clock clock) {
        this.clock = clock;
    }

    public synchronized void requested(RotationRequest request) {
        Rotations rotations = rotationsOf(request.secretId());
        rotations.forgetEndedBefore(clock.instant().minus(REMEMBER_ENDED));
        if (!rotations.ended.containsKey(request.rotationId())) {
            rotations.open.putIfAbsent(request.rotationId(), request.requestedAt());
            withOpenRotations.add(request.secretId());
        }
    }

    public synchronized void ended(RotationEnded ended) {
        Rotations rotations = rotationsOf(ended.secretId());
        Instant now = clock.instant();
        rotations.forgetEndedBefore(now.minus(REMEMBER_ENDED));
        rotations.open.remove(ended.rotationId());
        if (rotations.open.isEmpty()) {
            withOpenRotations.remove(ended.secretId());
        }
        rotations.ended.put(ended.rotationId(), new Ended(ended, now));
        if (ended.completed() && (rotations.lastCompletedAt == null || ended.at().isAfter(rotations.lastCompletedAt))) {
            rotations.lastCompletedAt = ended.at();
        }
    }

    /**
     * The rotation in flight is the oldest open one: a later request for the same secret is refused
     * by the rotator (IN_PROGRESS) and ends without having run.
     */
    public synchronized SecretActivity activity(String secretId) {
        Rotations rotations = bySecret.get(secretId);
        if (rotations == null) {
            return new SecretActivity(Optional.empty(), Optional.empty());
        }
        Optional<String> inFlight = rotations.open.entrySet().stream()
                .min(Map.Entry.comparingByValue(Comparator.naturalOrder()))
                .map(Map.Entry::getKey);
        return new SecretActivity(inFlight, Optional.ofNullable(rotations.lastCompletedAt));
    }

    /** Whether this rotation was requested or ended lately: a repeated decision (a retry, after a failover) is then not published twice. */
    public synchronized boolean knows(String secretId, String rotationId) {
        Rotations rotations = bySecret.get(secretId);
        return rotations != null && (rotations.open.containsKey(rotationId) || rotations.ended.containsKey(rotationId));
    }

    /** How the rotation ended, if this scheduler read its end lately: a new leader settles the waves it takes over with it. */
    public synchronized Optional<RotationEnded> endOf(String secretId, String rotationId) {
        return Optional.ofNullable(bySecret.get(secretId)).map(r -> r.ended.get(rotationId)).map(Ended::end);
    }

    public synchronized Set<String> secretsInFlight() {
        return Set.copyOf(withOpenRotations);
    }

    private Rotations rotationsOf(String secretId) {
        return bySecret.computeIfAbsent(secretId, id -> new Rotations());
    }

    private static final class Rotations {

        /** Requested and not ended: rotationId -> requested at. */
        final Map<String, Instant> open = new HashMap<>();
        /** Ended: rotationId -> the end, and when this scheduler read it. */
        final Map<String, Ended> ended = new HashMap<>();
        Instant lastCompletedAt;

        void forgetEndedBefore(Instant horizon) {
            ended.values().removeIf(end -> end.readAt().isBefore(horizon));
        }
    }

    private record Ended(RotationEnded end, Instant readAt) {
    }
}
