package dev.rotor.verifier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.target.Credential;
import dev.rotor.target.LoginResult;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;

/**
 * A target kind for tests without a database: a login succeeds unless the password is {@link #REFUSED},
 * which fails with AUTH_FAILED. Counts logins per account.
 */
@ApplicationScoped
public class FakeTarget implements TargetKind {

    public static final String TYPE = "fake";
    public static final String DESCRIPTION = "fake login";
    public static final String REFUSED = "refused-by-target";

    private final Map<String, AtomicInteger> logins = new ConcurrentHashMap<>();

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public String loginCheck() {
        return DESCRIPTION;
    }

    @Override
    public LoginResult login(TargetSpec target, Credential credential) {
        logins.computeIfAbsent(target.account(), account -> new AtomicInteger()).incrementAndGet();
        return REFUSED.equals(credential.password())
                ? LoginResult.failed(LoginResult.Status.AUTH_FAILED, "fake target refused user '" + credential.username() + "'")
                : LoginResult.accepted();
    }

    @Override
    public void setCredential(TargetSpec target, Credential admin, Credential next) {
        throw new UnsupportedOperationException("the verifier never changes a credential");
    }

    public int loginsAs(String account) {
        AtomicInteger count = logins.get(account);
        return count == null ? 0 : count.get();
    }
}
