package dev.rotor.rotator.service;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import dev.rotor.target.Credential;
import dev.rotor.target.LoginResult;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;
import dev.rotor.target.TargetUnavailable;
import dev.rotor.target.Violation;

/**
 * A real target kind whose password change can be made to fail the ways a network fails it: before the
 * change reached the server, or after it was applied and only the reply was lost. Logins are always real.
 */
final class FlakyTarget implements TargetKind {

    private final TargetKind real;
    private volatile RuntimeException failWithout;
    private volatile boolean failAfterApplying;
    private volatile Runnable onSet = () -> { };
    private final AtomicInteger logins = new AtomicInteger();

    FlakyTarget(TargetKind real) {
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
    public Set<String> properties() {
        return real.properties();
    }

    @Override
    public boolean needsAdmin() {
        return real.needsAdmin();
    }

    @Override
    public List<Violation> validate(TargetSpec target) {
        return real.validate(target);
    }

    @Override
    public String loginCheck() {
        return real.loginCheck();
    }

    /** Logins the rotator attempted, with any credential. */
    int logins() {
        return logins.get();
    }

    @Override
    public LoginResult login(TargetSpec target, Credential credential) {
        logins.incrementAndGet();
        return real.login(target, credential);
    }

    @Override
    public void setCredential(TargetSpec target, Credential admin, Credential next) {
        onSet.run();
        if (failWithout != null) {
            throw failWithout;
        }
        real.setCredential(target, admin, next);
        if (failAfterApplying) {
            throw new TargetUnavailable("the reply to the password change was lost", null);
        }
    }
}
