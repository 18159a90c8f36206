package dev.rotor.verifier.target;

import dev.rotor.verifier.domain.LoginResult;
import dev.rotor.verifier.domain.LoginTarget;
import dev.rotor.verifier.domain.StagedCredential;

/** Logs in to one kind of target with a staged credential. One implementation per {@code TargetRef.type}. */
public interface LoginProbe {

    /** The {@code TargetRef.type} this probe serves, e.g. "postgresql". */
    String targetType();

    /** What a login consists of, as VerificationSucceeded reports it. */
    String description();

    /** One attempt, as a fresh login: a pooled or cached session would prove nothing about the credential. */
    LoginResult login(LoginTarget target, StagedCredential credential);
}
