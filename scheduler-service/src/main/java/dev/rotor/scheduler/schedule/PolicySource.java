package dev.rotor.scheduler.schedule;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.policy.EffectivePolicy;
import dev.rotor.scheduler.policy.Limits;

/** The applied rotation matrix as the engine needs it. */
public interface PolicySource {

    EffectivePolicy policyOf(ManagedSecret secret);

    Limits limits();

    /** Changes whenever a new policy is applied: every secret's schedule is then recomputed. */
    String revision();

    /** Whether this instance has read that revision of a policy (in force or since replaced). */
    boolean hasRead(String revision);
}
