package dev.rotor.audit.domain;

import java.time.Instant;
import java.util.Comparator;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One step of one rotation, whichever topic it came from, with the details an auditor needs. It holds
 * no credential: the events it is made from carry none. Fields a step does not have are null.
 *
 * @param reason why the rotation was requested (RotationRequested)
 * @param initiator who asked (RotationRequested, RollbackRequested)
 * @param deadline when the rotation must have ended (RotationRequested)
 * @param category how it failed (VerificationFailed's category, RotationFailed's reason)
 * @param previousStoreVersion the store version before the rotation; for RotationRolledBack the one current again
 * @param newStoreVersion the promoted store version (RotationCompleted)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LifecycleEvent(
        String eventId,
        String rotationId,
        String secretId,
        Instant occurredAt,
        EventType type,
        String reason,
        String initiator,
        Instant deadline,
        String category,
        String detail,
        String cause,
        String probe,
        Long durationMs,
        Integer attempts,
        Integer previousStoreVersion,
        Integer newStoreVersion) {

    /** Protocol order: by time, then by step for events of the same millisecond. */
    public static final Comparator<LifecycleEvent> PROTOCOL_ORDER = Comparator
            .comparing(LifecycleEvent::occurredAt)
            .thenComparingInt(event -> event.type().stepOrder())
            .thenComparing(LifecycleEvent::eventId);

    public static Builder builder(EventType type, String eventId, String rotationId, String secretId, Instant occurredAt) {
        return new Builder(type, eventId, rotationId, secretId, occurredAt);
    }

    /** Names the optional details, which a positional constructor of sixteen fields would hide. */
    public static final class Builder {
        private final EventType type;
        private final String eventId;
        private final String rotationId;
        private final String secretId;
        private final Instant occurredAt;
        private String reason;
        private String initiator;
        private Instant deadline;
        private String category;
        private String detail;
        private String cause;
        private String probe;
        private Long durationMs;
        private Integer attempts;
        private Integer previousStoreVersion;
        private Integer newStoreVersion;

        private Builder(EventType type, String eventId, String rotationId, String secretId, Instant occurredAt) {
            this.type = type;
            this.eventId = eventId;
            this.rotationId = rotationId;
            this.secretId = secretId;
            this.occurredAt = occurredAt;
        }

        public Builder reason(String reason) {
            this.reason = reason;
            return this;
        }

        public Builder initiator(String initiator) {
            this.initiator = initiator;
            return this;
        }

        public Builder deadline(Instant deadline) {
            this.deadline = deadline;
            return this;
        }

        public Builder category(String category) {
            this.category = category;
            return this;
        }

        public Builder detail(String detail) {
            this.detail = detail;
            return this;
        }

        public Builder cause(String cause) {
            this.cause = cause;
            return this;
        }

        public Builder probe(String probe) {
            this.probe = probe;
            return this;
        }

        public Builder durationMs(long durationMs) {
            this.durationMs = durationMs;
            return this;
        }

        public Builder attempts(int attempts) {
            this.attempts = attempts;
            return this;
        }

        public Builder previousStoreVersion(Integer previousStoreVersion) {
            this.previousStoreVersion = previousStoreVersion;
            return this;
        }

        public Builder newStoreVersion(Integer newStoreVersion) {
            this.newStoreVersion = newStoreVersion;
            return this;
        }

        public LifecycleEvent build() {
            return new LifecycleEvent(eventId, rotationId, secretId, occurredAt, type, reason, initiator, deadline,
                    category, detail, cause, probe, durationMs, attempts, previousStoreVersion, newStoreVersion);
        }
    }
}
