package dev.rotor.rotator.service;

import dev.rotor.rotator.domain.Credential;
import dev.rotor.rotator.domain.LoginResult;
import dev.rotor.rotator.domain.Target;
import dev.rotor.rotator.target.CredentialTarget;
import dev.rotor.rotator.target.TargetUnavailable;

/**
 * A real target whose password change can be made to fail the ways a network fails it: before the
 * change reached the server, or after it was applied and only the reply was lost. Logins are always real.
 */
final class FlakyTarget implements CredentialTarget {

    private final CredentialTarget real;
    private volatile RuntimeException failWithout;
    private volatile boolean failAfterApplying;
    private volatile Runnable onSet = () -> { };

    FlakyTarget(CredentialTarget real) {
        this.real = real;
    }

    void failSetWithout(RuntimeException failure) {
        this.failWithout = failure;
    }

    void failSetAfterApplying() {
        this.failAfterApplying = true;
    }

    void onSet(Runnable hook) {
        this.onSet = hook;
    }

    void heal() {
        failWithout = null;
        failAfterApplying = false;
    }

    @Override
    public String type() {
        return real.type();
    }

    @Override
    public LoginResult login(Target target, Credential credential) {
        return real.login(target, credential);
    }

    @Override
    public void setPassword(Target target, Credential admin, String newPassword) {
        onSet.run();
        if (failWithout != null) {
            throw failWithout;
        }
        real.setPassword(target, admin, newPassword);
        if (failAfterApplying) {
            throw new TargetUnavailable("the reply to the password change was lost", null);
        }
    }
}
