package dev.rotor.scheduler.config;

/**
 * Messaging channel names, shared by the code and the tests. The scheduler reads
 * rotation.requested and secret.registry (for its view) and writes them too, so the outgoing side
 * of those topics carries an {@code -out} suffix.
 */
public final class Channels {

    public static final String SECRET_REGISTRY = "secret-registry";
    public static final String SECRET_REGISTRY_OUT = "secret-registry-out";
    public static final String ROTATION_REQUESTED = "rotation-requested";
    public static final String ROTATION_REQUESTED_OUT = "rotation-requested-out";
    public static final String ROTATION_COMPLETED = "rotation-completed";
    public static final String ROTATION_ROLLED_BACK = "rotation-rolled-back";
    public static final String ROLLBACK_FAILED = "rollback-failed";
    public static final String ROTATION_FAILED = "rotation-failed";
    public static final String VERIFICATION_FAILED = "verification-failed";
    public static final String ROLLBACK_REQUESTED = "rollback-requested";
    public static final String ROTATION_POLICY = "rotation-policy";
    public static final String ROTATION_POLICY_OUT = "rotation-policy-out";
    public static final String ROTATION_CONTROL = "rotation-control";
    public static final String ROTATION_CONTROL_OUT = "rotation-control-out";
    public static final String ROTATION_APPROVALS = "rotation-approvals";
    public static final String ROTATION_APPROVALS_OUT = "rotation-approvals-out";
    public static final String ROTATION_ROLLOUT = "rotation-rollout";
    public static final String ROTATION_ROLLOUT_OUT = "rotation-rollout-out";
    /** Rotations the scheduler released after their deadline and grace, for the audit and the operators. */
    public static final String ROTATION_INCOMPLETE_OUT = "rotation-incomplete-out";
    /** The scheduling engine's inputs: last successes from the audit service, and resumes (apart from the pauses' channel). */
    public static final String SECRET_STATUS = "secret-status";
    public static final String SECRET_RESUMES = "secret-resumes";

    private Channels() {
    }
}
