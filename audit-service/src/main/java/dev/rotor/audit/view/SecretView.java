package dev.rotor.audit.view;

import java.time.Instant;

import dev.rotor.audit.domain.RotationState;
import dev.rotor.audit.domain.SecretRegistration;
import dev.rotor.audit.domain.SecretState;
import dev.rotor.audit.domain.Staleness;

/**
 * A secret as the API and the status page show it: its registration, its last rotation and outcome,
 * and how stale it is at the moment of the answer (staleness moves with the clock, not with events).
 *
 * @param staleSince the last success, else the registration; null when neither is known
 * @param secondsSinceLastSuccess seconds since {@code staleSince}
 * @param maxAgeSeconds the policy's max age; null when unknown (a cron cadence without maxAgeSeconds, or not registered)
 * @param dueAt when the secret is due; null when unknown
 * @param overdue past {@code dueAt} and not exempt
 * @param breached more than 7 days past {@code dueAt} and not exempt
 */
public record SecretView(
        String secretId,
        String secretClass,
        String owner,
        String cadence,
        Instant registeredAt,
        Instant exemptUntil,
        Instant updatedAt,
        String lastRotationId,
        RotationState lastOutcome,
        Instant lastSuccessAt,
        Instant lastRequestedAt,
        String inFlightRotationId,
        Integer storeVersion,
        Instant staleSince,
        Long secondsSinceLastSuccess,
        Long maxAgeSeconds,
        Instant dueAt,
        boolean exempt,
        boolean overdue,
        boolean breached) {

    public static SecretView of(SecretState state, Instant now) {
        SecretRegistration registration = state.registration();
        Staleness staleness = state.staleness(now);
        return new SecretView(state.secretId(),
                registration == null ? null : registration.secretClass(),
                registration == null ? null : registration.owner(),
                registration == null ? null : registration.cadence(),
                registration == null ? null : registration.registeredAt(),
                registration == null ? null : registration.exemptUntil(),
                state.updatedAt(), state.lastRotationId(), state.lastOutcome(), state.lastSuccessAt(), state.lastRequestedAt(),
                state.inFlightRotationId().orElse(null), state.storeVersion(),
                staleness.staleSince(), staleness.secondsSinceLastSuccess(),
                staleness.maxAge() == null ? null : staleness.maxAge().toSeconds(),
                staleness.dueAt(), staleness.exempt(), staleness.overdue(), staleness.breached());
    }
}
