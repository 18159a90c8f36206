package dev.rotor.contract;

import java.util.List;
import java.util.stream.Stream;

import org.apache.avro.Schema;

import dev.rotor.schema.EmergencyApproval;
import dev.rotor.schema.PolicyApplied;
import dev.rotor.schema.RollbackFailed;
import dev.rotor.schema.RollbackRequested;
import dev.rotor.schema.RolloutWave;
import dev.rotor.schema.RotationCompleted;
import dev.rotor.schema.RotationFailed;
import dev.rotor.schema.RotationIncomplete;
import dev.rotor.schema.RotationRequested;
import dev.rotor.schema.RotationRolledBack;
import dev.rotor.schema.SchedulingControl;
import dev.rotor.schema.SecretRegistered;
import dev.rotor.schema.SecretStatus;
import dev.rotor.schema.SecretUpdated;
import dev.rotor.schema.VerificationFailed;
import dev.rotor.schema.VerificationSucceeded;

/**
 * The public topics: one Avro record type per topic, keyed by secretId, registered under
 * {@code <topic>-value} (topic name strategy). Dead letters of a topic go to {@link #deadLetter}.
 */
public final class Topics {

    public static final String ROTATION_REQUESTED = "rotation.requested";
    public static final String SECRET_UPDATED = "secret.updated";
    public static final String VERIFICATION_SUCCEEDED = "verification.succeeded";
    public static final String VERIFICATION_FAILED = "verification.failed";
    public static final String ROLLBACK_REQUESTED = "rollback.requested";
    public static final String ROTATION_COMPLETED = "rotation.completed";
    public static final String ROTATION_ROLLED_BACK = "rotation.rolled-back";
    /** Its own topic, not a second type on rotation.rolled-back: one record type per topic keeps the subject one schema. */
    public static final String ROLLBACK_FAILED = "rotation.rollback-failed";
    public static final String ROTATION_FAILED = "rotation.failed";
    public static final String SECRET_STATUS = "secret.status";
    /** Compacted: the managed secrets, as registered with the scheduler. */
    public static final String SECRET_REGISTRY = "secret.registry";
    /** JSON, not Avro: the SIEM reads it without a registry. Each record is hash-chained to the previous one of its secret. */
    public static final String ROTATION_AUDIT = "rotation.audit";
    /**
     * JSON, compacted, keyed by the audit's task partition: signed checkpoints of the audit chain. Their own topic
     * rather than records of another type on rotation.audit, because a checkpoint must survive what it detects: one
     * inside rotation.audit would be truncated with the tail it vouches for.
     */
    public static final String ROTATION_AUDIT_CHECKPOINTS = "rotation.audit.checkpoints";
    /** Compacted, keyed by matrix name: the rotation matrix as applied. */
    public static final String ROTATION_POLICY = "rotation.policy";
    /** Compacted, keyed by scope ('global', 'class/<name>', 'secret/<id>'): pause and resume. */
    public static final String ROTATION_CONTROL = "rotation.control";
    /** Compacted, keyed by requestId: emergency rotations waiting for a second approver. */
    public static final String ROTATION_APPROVALS = "rotation.approvals";
    /** The audit's findings of rotations whose record is not whole. */
    public static final String ROTATION_INCOMPLETE = "rotation.incomplete";
    /** Compacted, keyed by class: the scheduler leader's progress through each class's canary-then-batches wave. */
    public static final String ROTATION_ROLLOUT = "rotation.rollout";

    /** The topics of a rotation's lifecycle, each with the schema of its values. */
    public static final List<AvroTopic> LIFECYCLE_TOPICS = List.of(
            new AvroTopic(ROTATION_REQUESTED, RotationRequested.getClassSchema()),
            new AvroTopic(SECRET_UPDATED, SecretUpdated.getClassSchema()),
            new AvroTopic(VERIFICATION_SUCCEEDED, VerificationSucceeded.getClassSchema()),
            new AvroTopic(VERIFICATION_FAILED, VerificationFailed.getClassSchema()),
            new AvroTopic(ROLLBACK_REQUESTED, RollbackRequested.getClassSchema()),
            new AvroTopic(ROTATION_COMPLETED, RotationCompleted.getClassSchema()),
            new AvroTopic(ROTATION_ROLLED_BACK, RotationRolledBack.getClassSchema()),
            new AvroTopic(ROLLBACK_FAILED, RollbackFailed.getClassSchema()),
            new AvroTopic(ROTATION_FAILED, RotationFailed.getClassSchema()));

    /** Every Avro topic: the lifecycle, then the scheduler's and the audit's own topics. */
    public static final List<AvroTopic> AVRO_TOPICS = Stream.concat(LIFECYCLE_TOPICS.stream(), Stream.of(
            new AvroTopic(SECRET_REGISTRY, SecretRegistered.getClassSchema()),
            new AvroTopic(SECRET_STATUS, SecretStatus.getClassSchema()),
            new AvroTopic(ROTATION_POLICY, PolicyApplied.getClassSchema()),
            new AvroTopic(ROTATION_CONTROL, SchedulingControl.getClassSchema()),
            new AvroTopic(ROTATION_APPROVALS, EmergencyApproval.getClassSchema()),
            new AvroTopic(ROTATION_INCOMPLETE, RotationIncomplete.getClassSchema()),
            new AvroTopic(ROTATION_ROLLOUT, RolloutWave.getClassSchema()))).toList();

    private Topics() {
    }

    public static String deadLetter(String topic) {
        return topic + ".dlq";
    }

    public record AvroTopic(String name, Schema valueSchema) {

        public String valueSubject() {
            return name + "-value";
        }
    }
}
