package dev.rotor.verifier;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.verifier.domain.FailureCategory;
import dev.rotor.verifier.domain.LoginResult;
import dev.rotor.verifier.domain.LoginTarget;
import dev.rotor.verifier.domain.StagedCredential;
import dev.rotor.verifier.target.LoginProbe;

/**
 * A target for tests without a database: a login succeeds when the staged username is the target's
 * role, and fails with AUTH_FAILED otherwise. Counts logins per role.
 */
@ApplicationScoped
public class FakeLoginProbe implements LoginProbe {

    public static final String TYPE = "fake";
    public static final String DESCRIPTION = "fake login";

    private final Map<String, AtomicInteger> logins = new ConcurrentHashMap<>();

    @Override
    public String targetType() {
        return TYPE;
    }

    @Override
    public String description() {
        return DESCRIPTION;
    }

    @Override
    public LoginResult login(LoginTarget target, StagedCredential credential) {
        logins.computeIfAbsent(target.role(), role -> new AtomicInteger()).incrementAndGet();
        return target.role().equals(credential.username())
                ? LoginResult.accepted()
                : LoginResult.rejected(FailureCategory.AUTH_FAILED, "fake target refused user '" + credential.username() + "'");
    }

    public int loginsAs(String role) {
        AtomicInteger count = logins.get(role);
        return count == null ? 0 : count.get();
    }
}
