package dev.rotor.rotator.listener;

/** The rotator's channels; their topics are set in application.properties. */
public final class Channels {

    public static final String ROTATION_REQUESTED = "rotation-requested";
    public static final String VERIFICATION_SUCCEEDED = "verification-succeeded";
    public static final String ROLLBACK_REQUESTED = "rollback-requested";
    public static final String SECRET_UPDATED = "secret-updated";
    public static final String ROTATION_COMPLETED = "rotation-completed";
    public static final String ROTATION_ROLLED_BACK = "rotation-rolled-back";
    public static final String ROLLBACK_FAILED = "rollback-failed";
    public static final String ROTATION_FAILED = "rotation-failed";

    /**
     * The listeners' shared worker pool. Events are handled in parallel, up to the pool's
     * max-concurrency: RotationService's per-secret lock keeps one secret's steps apart, and
     * different secrets need no order between them.
     */
    public static final String WORKER_POOL = "rotations";

    private Channels() {
    }
}
