package dev.rotor.scheduler.policy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** What applies where a policy file (or the lack of one) says nothing; the README's format section lists the same values. */
public final class PolicyDefaults {

    public static final ZoneId ZONE = ZoneOffset.UTC;
    public static final Duration JITTER = Duration.ZERO;
    public static final int MAX_CONCURRENT = Integer.MAX_VALUE;
    /** Three failures in a row is a pattern, not bad luck: stop retrying that secret and page its owner. */
    public static final int MAX_CONSECUTIVE_FAILURES = 3;
    public static final boolean EMERGENCY_NEEDS_APPROVAL = false;

    private PolicyDefaults() {
    }
}
