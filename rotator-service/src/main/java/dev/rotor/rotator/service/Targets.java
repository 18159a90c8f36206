package dev.rotor.rotator.service;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rotor.rotator.config.RotatorConfig;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.fault.TargetUnreachable;
import dev.rotor.target.Credential;
import dev.rotor.target.LoginResult;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetKinds;
import dev.rotor.target.TargetRefused;
import dev.rotor.target.TargetUnavailable;
import dev.rotor.target.Timeouts;

/** A secret's target through its kind, with the target's failures in the rotator's terms (a retry or an end). */
@ApplicationScoped
class Targets {

    private final TargetKinds kinds;

    @Inject
    Targets(RotatorConfig config) {
        this(TargetKinds.all(Timeouts.of(config.targetTimeout())));
    }

    Targets(TargetKinds kinds) {
        this.kinds = kinds;
    }

    LoginResult login(ManagedSecret secret, Credential credential) {
        return kind(secret).login(secret.target(), credential);
    }

    /**
     * Makes {@code next} log in, by the secret's strategy (the current password stays valid where it keeps it).
     *
     * @throws TargetUnreachable when the target did not answer, so the step is retried
     * @throws TargetRefused when it answered no
     */
    void apply(ManagedSecret secret, Credential admin, Credential next) {
        change(() -> secret.strategy().apply(kind(secret), secret.target(), admin, next));
    }

    /** After promotion: ends what the strategy kept of {@code previous} for consumers that had not re-read. */
    void retire(ManagedSecret secret, Credential admin, Credential previous) {
        change(() -> secret.strategy().retire(kind(secret), secret.target(), admin, previous));
    }

    /** Before promotion: {@code current} logs in as before the rotation, {@code staged} no more. */
    void revert(ManagedSecret secret, Credential admin, Credential current, Credential staged) {
        change(() -> secret.strategy().revert(kind(secret), secret.target(), admin, current, staged));
    }

    /** What the account the rotation moves to lacks or has beyond the current one; empty when it may take over. */
    List<String> privilegeDifferences(ManagedSecret secret, Credential admin, String current, String next) {
        try {
            return secret.strategy().privilegeDifferences(kind(secret), secret.target(), admin, current, next);
        } catch (TargetUnavailable e) {
            throw new TargetUnreachable(e.getMessage(), e);
        }
    }

    private TargetKind kind(ManagedSecret secret) {
        return kinds.of(secret.target());
    }

    private static void change(Runnable change) {
        try {
            change.run();
        } catch (TargetUnavailable e) {
            throw new TargetUnreachable(e.getMessage(), e);
        }
    }
}
