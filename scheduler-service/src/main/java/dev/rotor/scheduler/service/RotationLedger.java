package dev.rotor.scheduler.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rotor.scheduler.config.SchedulerConfig;
import dev.rotor.scheduler.domain.ReleasedRotation;
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
 * <p>
 * A rotation whose terminal event has not arrived by its deadline plus a grace is released
 * ({@link #releaseOverdue()}): it no longer holds its secret's schedule or a concurrency slot. Only the
 * rotator ends rotations; a terminal event read after the release is recorded as any other.
 * <p>
 * Bounds: a secret's entry holds its open rotations (each released by deadline + grace) and the ends and
 * releases of the last {@link #REMEMBER_ENDED}; {@link #releaseOverdue()} drops what is older and then every
 * entry left empty. What stays per secret is one instant, its last completion, dropped when the
 * registration is removed ({@link #forget}).
 */
@ApplicationScoped
public class RotationLedger {

    /** Far longer than the two topics' reading can drift apart, even replaying them from the start. */
    static final Duration REMEMBER_ENDED = Duration.ofHours(1);

    private final Clock clock;
    private final Duration defaultDeadline;
    private final Duration grace;
    private final Map<String, Rotations> bySecret = new HashMap<>();
    /** Kept apart from the rotations: the cadence counts from it long after the rotations are forgotten. */
    private final Map<String, Instant> lastCompletedAt = new HashMap<>();
    /** The secrets with a rotation open: what the concurrency limits count, without looking at every secret. */
    private final Set<String> withOpenRotations = new HashSet<>();

    @Inject
    RotationLedger(Clock clock, SchedulerConfig config) {
        this(clock, config.rotationDeadline(), config.deadlineGrace());
    }

    /** {@code defaultDeadline} for a request that carries none; {@code grace} on top of every deadline before the release. */
    public RotationLedger(Clock clock, Duration defaultDeadline, Duration grace) {
        this.clock = clock;
        this.defaultDeadline = defaultDeadline;
        this.grace = grace;
    }

    public synchronized void requested(RotationRequest request) {
        Rotations rotations = rotationsOf(request.secretId());
        Instant now = clock.instant();
        rotations.forgetBefore(now.minus(REMEMBER_ENDED));
        if (rotations.ended.containsKey(request.rotationId()) || rotations.released.containsKey(request.rotationId())) {
            return;
        }
        Instant deadline = request.deadline() != null ? request.deadline() : request.requestedAt().plus(defaultDeadline);
        Open open = new Open(request.requestedAt(), deadline);
        if (!now.isAfter(open.releaseAt(grace))) {
            rotations.open.putIfAbsent(request.rotationId(), open);
            withOpenRotations.add(request.secretId());
        } else {
            // Read after its deadline and grace (a replay at start-up): its slot was released when it expired, by whichever
            // instance read it then, so it is neither opened nor announced again.
            rotations.released.put(request.rotationId(), now);
        }
    }

    public synchronized void ended(RotationEnded ended) {
        Rotations rotations = rotationsOf(ended.secretId());
        Instant now = clock.instant();
        rotations.forgetBefore(now.minus(REMEMBER_ENDED));
        rotations.open.remove(ended.rotationId());
        if (rotations.open.isEmpty()) {
            withOpenRotations.remove(ended.secretId());
        }
        rotations.ended.put(ended.rotationId(), new Ended(ended, now));
        if (ended.completed()) {
            lastCompletedAt.merge(ended.secretId(), ended.at(), (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /**
     * Closes every rotation whose deadline plus grace has passed without a terminal event, and forgets what is no longer
     * recent. Returns the rotations it closed, oldest request first.
     */
    public synchronized List<ReleasedRotation> releaseOverdue() {
        Instant now = clock.instant();
        List<ReleasedRotation> released = new ArrayList<>();
        for (Iterator<String> secrets = withOpenRotations.iterator(); secrets.hasNext(); ) {
            String secretId = secrets.next();
            Rotations rotations = bySecret.get(secretId);
            rotations.open.entrySet().removeIf(entry -> {
                Open open = entry.getValue();
                if (!now.isAfter(open.releaseAt(grace))) {
                    return false;
                }
                rotations.released.put(entry.getKey(), now);
                released.add(new ReleasedRotation(entry.getKey(), secretId, open.requestedAt(), open.deadline(), now));
                return true;
            });
            if (rotations.open.isEmpty()) {
                secrets.remove();
            }
        }
        Instant horizon = now.minus(REMEMBER_ENDED);
        bySecret.values().removeIf(rotations -> rotations.forgetBefore(horizon));
        released.sort(Comparator.comparing(ReleasedRotation::requestedAt));
        return released;
    }

    /** The registration was removed: nothing of the secret is needed any more. */
    public synchronized void forget(String secretId) {
        lastCompletedAt.remove(secretId);
        if (!withOpenRotations.contains(secretId)) {
            bySecret.remove(secretId);
        }
    }

    /**
     * The rotation in flight is the oldest open one: a later request for the same secret is refused
     * by the rotator (IN_PROGRESS) and ends without having run.
     */
    public synchronized SecretActivity activity(String secretId) {
        Optional<String> inFlight = Optional.ofNullable(bySecret.get(secretId)).flatMap(rotations -> rotations.open.entrySet().stream()
                .min(Map.Entry.comparingByValue(Comparator.comparing(Open::requestedAt)))
                .map(Map.Entry::getKey));
        return new SecretActivity(inFlight, Optional.ofNullable(lastCompletedAt.get(secretId)));
    }

    /**
     * Whether this rotation was requested, ended or released lately: a repeated decision (a retry, after a failover) is then
     * not published twice.
     */
    public synchronized boolean knows(String secretId, String rotationId) {
        Rotations rotations = bySecret.get(secretId);
        return rotations != null && (rotations.open.containsKey(rotationId) || rotations.ended.containsKey(rotationId)
                || rotations.released.containsKey(rotationId));
    }

    /** How the rotation ended, if this scheduler read its end lately: a new leader settles the waves it takes over with it. */
    public synchronized Optional<RotationEnded> endOf(String secretId, String rotationId) {
        return Optional.ofNullable(bySecret.get(secretId)).map(r -> r.ended.get(rotationId)).map(Ended::end);
    }

    public synchronized Set<String> secretsInFlight() {
        return Set.copyOf(withOpenRotations);
    }

    /** How many secrets have rotations open or recent, for the tests of its bound. */
    synchronized int secretsTracked() {
        return bySecret.size();
    }

    private Rotations rotationsOf(String secretId) {
        return bySecret.computeIfAbsent(secretId, id -> new Rotations());
    }

    private static final class Rotations {

        /** Requested and not ended. */
        final Map<String, Open> open = new HashMap<>();
        /** Ended: rotationId -> the end, and when this scheduler read it. */
        final Map<String, Ended> ended = new HashMap<>();
        /** Released after deadline + grace: rotationId -> when. */
        final Map<String, Instant> released = new HashMap<>();

        /** @return whether nothing is left */
        boolean forgetBefore(Instant horizon) {
            ended.values().removeIf(end -> end.readAt().isBefore(horizon));
            released.values().removeIf(at -> at.isBefore(horizon));
            return open.isEmpty() && ended.isEmpty() && released.isEmpty();
        }
    }

    private record Open(Instant requestedAt, Instant deadline) {

        Instant releaseAt(Duration grace) {
            return deadline.plus(grace);
        }
    }

    private record Ended(RotationEnded end, Instant readAt) {
    }
}
