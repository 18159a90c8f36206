package dev.rotor.verifier;

/** The verifier's messaging channels; application.properties binds each to its topic. */
public final class Channels {

    public static final String SECRET_UPDATED = "secret-updated";
    public static final String VERIFICATION_SUCCEEDED = "verification-succeeded";
    public static final String VERIFICATION_FAILED = "verification-failed";

    private Channels() {
    }
}
