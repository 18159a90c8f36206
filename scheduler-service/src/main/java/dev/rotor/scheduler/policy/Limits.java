package dev.rotor.scheduler.policy;

/** Most rotations in flight at once, over all secrets and per target host; Integer.MAX_VALUE when the policy sets none. */
public record Limits(int global, int perTargetHost) {

    public static final Limits NONE = new Limits(Integer.MAX_VALUE, Integer.MAX_VALUE);
}
