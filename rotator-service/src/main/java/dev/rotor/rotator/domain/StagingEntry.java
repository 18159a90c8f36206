package dev.rotor.rotator.domain;

import java.time.Instant;

import dev.rotor.target.Credential;

/**
 * A rotation in flight: the new credential, written before the target is touched, with the
 * rotation that owns it, the store version it replaces, the deadline by which it must have ended,
 * and how far it got.
 */
public record StagingEntry(String rotationId, int previousVersion, Credential credential, Instant deadline, Phase phase) {

    public enum Phase {
        /** Written to the store only: the target has not been touched, so ending here changes nothing. */
        STAGED,
        /** About to change the target, or changed it: ending here means putting the previous credential back. */
        SETTING
    }

    public StagingEntry setting() {
        return new StagingEntry(rotationId, previousVersion, credential, deadline, Phase.SETTING);
    }

    public boolean isPastDeadline(Instant now) {
        return now.isAfter(deadline);
    }
}
