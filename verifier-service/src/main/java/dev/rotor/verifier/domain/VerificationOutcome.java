package dev.rotor.verifier.domain;

import dev.rotor.target.LoginResult;

/** The verdict on a staged credential, after retries. */
public sealed interface VerificationOutcome {

    /** What was tried, e.g. "postgresql login + SELECT current_user". */
    String probe();

    int attempts();

    /** From the first login attempt to the verdict, backoff included. */
    long durationMs();

    record Verified(String probe, int attempts, long durationMs) implements VerificationOutcome {
    }

    /** @param detail what failed, for an operator; never a value */
    record NotVerified(LoginResult.Status category, String detail, String probe, int attempts, long durationMs)
            implements VerificationOutcome {
    }
}
