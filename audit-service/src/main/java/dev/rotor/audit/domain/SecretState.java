package dev.rotor.audit.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the audit knows about one secret, folded from its lifecycle events. The topics of a rotation
 * are read in no guaranteed order between them, so the fold decides by {@code occurredAt} and by what
 * it has already seen, never by arrival: a terminal that arrives before its RotationRequested stays
 * the outcome, and a late event of an older rotation does not hide a newer one.
 *
 * @param lastOutcomeAt when the event that set {@code lastOutcome} happened
 * @param storeVersionAt when the event that set {@code storeVersion} happened
 * @param openRotations rotations seen but not yet ended, with when each was first seen
 * @param endedRotations the most recent rotations that reached a terminal, oldest first
 * @param registration the secret as registered on secret.registry; null until its registration is read
 * @param lastRequestedAt when the latest RotationRequested of this secret happened
 */
public record SecretState(
        String secretId,
        Instant updatedAt,
        String lastRotationId,
        RotationState lastOutcome,
        Instant lastOutcomeAt,
        Instant lastSuccessAt,
        Integer storeVersion,
        Instant storeVersionAt,
        Map<String, Instant> openRotations,
        List<String> endedRotations,
        SecretRegistration registration,
        Instant lastRequestedAt) {

    /**
     * How many ended rotations are remembered to recognise a late RotationRequested; far more than can
     * be reordered between topics, since rotations of one secret never overlap.
     */
    static final int ENDED_ROTATIONS_KEPT = 32;

    public SecretState {
        openRotations = Map.copyOf(openRotations);
        endedRotations = List.copyOf(endedRotations);
    }

    public static SecretState unknown() {
        return new SecretState(null, null, null, RotationState.UNKNOWN, null, null, null, null, Map.of(), List.of(), null, null);
    }

    /**
     * The rotation running now. Rotations of a secret never overlap (a second request fails
     * IN_PROGRESS), so when more than one is open the one that started first is the one running.
     */
    public Optional<String> inFlightRotationId() {
        return openRotations.entrySet().stream()
                .min(Map.Entry.<String, Instant>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey);
    }

    public SecretState apply(LifecycleEvent event) {
        SecretState folded = event.type().isTerminal() ? ended(event) : progressed(event);
        return event.type() == EventType.ROTATION_REQUESTED ? folded.requestedAt(event.occurredAt()) : folded;
    }

    /** The latest registration replaces the one before: a changed policy changes class, owner, cadence or exemption. */
    public SecretState apply(SecretRegistration latest) {
        return new SecretState(latest.secretId(), later(updatedAt, latest.registeredAt()), lastRotationId, lastOutcome,
                lastOutcomeAt, lastSuccessAt, storeVersion, storeVersionAt, openRotations, endedRotations, latest, lastRequestedAt);
    }

    /** Since when the secret is stale: its last success, else its registration (a secret that never rotated). */
    public Instant staleSince() {
        if (lastSuccessAt != null) {
            return lastSuccessAt;
        }
        return registration == null ? null : registration.registeredAt();
    }

    /** When the secret is due by its policy: {@link #staleSince()} plus the policy's max age; null when either is unknown. */
    public Instant dueAt() {
        Instant since = staleSince();
        Duration maxAge = maxAge();
        return since == null || maxAge == null ? null : since.plus(maxAge);
    }

    public Staleness staleness(Instant now) {
        return Staleness.of(staleSince(), maxAge(), registration != null && registration.isExemptAt(now), now);
    }

    private Duration maxAge() {
        return registration == null ? null : registration.maxAge().orElse(null);
    }

    private SecretState requestedAt(Instant requested) {
        return new SecretState(secretId, updatedAt, lastRotationId, lastOutcome, lastOutcomeAt, lastSuccessAt, storeVersion,
                storeVersionAt, openRotations, endedRotations, registration, later(lastRequestedAt, requested));
    }

    private SecretState progressed(LifecycleEvent event) {
        String rotationId = event.rotationId();
        if (endedRotations.contains(rotationId)) {
            // A step of a rotation whose terminal is already here: it cannot put the rotation back in flight.
            return touched(event);
        }
        Map<String, Instant> open = new LinkedHashMap<>(openRotations);
        open.merge(rotationId, event.occurredAt(), (seen, now) -> now.isBefore(seen) ? now : seen);
        boolean latest = isAtOrAfter(event.occurredAt(), lastOutcomeAt);
        // Before the first promotion the version the rotation started from is the current one.
        boolean knowsNoVersion = storeVersion == null && event.previousStoreVersion() != null;
        return new SecretState(event.secretId(), later(updatedAt, event.occurredAt()),
                latest ? rotationId : lastRotationId,
                latest ? RotationState.IN_FLIGHT : lastOutcome,
                latest ? event.occurredAt() : lastOutcomeAt,
                lastSuccessAt,
                knowsNoVersion ? event.previousStoreVersion() : storeVersion,
                knowsNoVersion ? event.occurredAt() : storeVersionAt,
                open, endedRotations, registration, lastRequestedAt);
    }

    private SecretState ended(LifecycleEvent event) {
        String rotationId = event.rotationId();
        Map<String, Instant> open = new LinkedHashMap<>(openRotations);
        open.remove(rotationId);
        List<String> ended = new ArrayList<>(endedRotations);
        ended.remove(rotationId);
        ended.add(rotationId);
        if (ended.size() > ENDED_ROTATIONS_KEPT) {
            ended.remove(0);
        }
        boolean latest = rotationId.equals(lastRotationId) || isAtOrAfter(event.occurredAt(), lastOutcomeAt);
        boolean completed = event.type() == EventType.ROTATION_COMPLETED;
        Integer version = currentStoreVersionAfter(event);
        boolean newerVersion = version != null && isAtOrAfter(event.occurredAt(), storeVersionAt);
        return new SecretState(event.secretId(), later(updatedAt, event.occurredAt()),
                latest ? rotationId : lastRotationId,
                latest ? event.type().resultingState() : lastOutcome,
                latest ? later(lastOutcomeAt, event.occurredAt()) : lastOutcomeAt,
                completed ? later(lastSuccessAt, event.occurredAt()) : lastSuccessAt,
                newerVersion ? version : storeVersion,
                newerVersion ? event.occurredAt() : storeVersionAt,
                open, ended, registration, lastRequestedAt);
    }

    private SecretState touched(LifecycleEvent event) {
        return new SecretState(event.secretId(), later(updatedAt, event.occurredAt()), lastRotationId, lastOutcome,
                lastOutcomeAt, lastSuccessAt, storeVersion, storeVersionAt, openRotations, endedRotations, registration,
                lastRequestedAt);
    }

    /** Promotion makes the new version current; a rollback leaves (or puts back) the one before. */
    private static Integer currentStoreVersionAfter(LifecycleEvent terminal) {
        return switch (terminal.type()) {
            case ROTATION_COMPLETED -> terminal.newStoreVersion();
            case ROTATION_ROLLED_BACK -> terminal.previousStoreVersion();
            default -> null;
        };
    }

    private static boolean isAtOrAfter(Instant time, Instant reference) {
        return reference == null || !time.isBefore(reference);
    }

    private static Instant later(Instant a, Instant b) {
        return a == null || b.isAfter(a) ? b : a;
    }
}
