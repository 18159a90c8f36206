package dev.rotor.target.testing;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import dev.rotor.target.Credential;
import dev.rotor.target.TargetKind;
import dev.rotor.target.TargetSpec;

/**
 * The accounts of a real server of one target kind, as tests use them: the contract suite and the end-to-end
 * rotations. It creates accounts the way an operator would and removes them on close. One per kind, beside its
 * contract test.
 */
public interface TargetAccounts extends AutoCloseable {

    /** An account on the server, with the target that names it and the password it logs in with now. */
    record Account(TargetSpec target, Credential credential) {
    }

    TargetKind kind();

    /** Creates a new account with a password of {@link #newPassword()}. */
    Account newAccount() throws Exception;

    /**
     * The account on a target where its password is accepted but the login check is not allowed (PERMISSION), as
     * when a role lost CONNECT: what makes a verification fail for good. Empty where the server cannot be made so.
     */
    Optional<Account> lockedOut(Account account) throws Exception;

    /**
     * Grants {@code account} one privilege no other account has, for kinds with alternating users, and returns how
     * the kind's privilege list names it.
     */
    default String grantOnlyTo(Account account) throws Exception {
        throw new UnsupportedOperationException(kind().type() + " has no alternating users");
    }

    /** The credential that changes accounts' passwords, as the store's admin entry holds it. */
    Credential admin();

    /** Removes what this server created. */
    @Override
    void close() throws Exception;

    /** The same target with other kind properties. */
    static TargetSpec on(TargetSpec target, Map<String, String> properties) {
        return new TargetSpec(target.type(), target.host(), target.port(), target.account(), target.adminPath(), properties);
    }

    /** Long and random, so that a leak is unmistakable. */
    static String newPassword() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return "Rt" + HexFormat.of().formatHex(bytes);
    }
}
