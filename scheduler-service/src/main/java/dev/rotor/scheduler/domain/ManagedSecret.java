package dev.rotor.scheduler.domain;

import java.time.Duration;
import java.time.Instant;

import dev.rotor.target.Strategy;
import dev.rotor.target.TargetSpec;

/**
 * A secret Rotor rotates: what it is, who owns it, how often it rotates, where it is stored and what
 * it opens, and how a rotation changes it. {@code registeredAt} is when the id was first registered: re-registering keeps it, so
 * that re-applying a registration never postpones the first rotation.
 */
public record ManagedSecret(
        String id,
        String secretClass,
        String owner,
        Duration cadence,
        StoreLocation store,
        TargetSpec target,
        Strategy strategy,
        String initiator,
        Instant registeredAt) {

    /** ISO-8601, in days when it is whole days (P30D rather than Duration's PT720H), as people write it. */
    public String cadenceText() {
        Duration perDay = Duration.ofDays(1);
        return cadence.toSeconds() % perDay.toSeconds() == 0 ? "P" + cadence.toDays() + "D" : cadence.toString();
    }

    public ManagedSecret registeredSince(Instant firstRegisteredAt) {
        return new ManagedSecret(id, secretClass, owner, cadence, store, target, strategy, initiator, firstRegisteredAt);
    }
}
