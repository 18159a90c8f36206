package dev.rotor.target;

import java.util.List;
import java.util.Set;

/**
 * One kind of system whose credentials Rotor rotates: how a registration's target is checked, how a
 * credential logs in, and how an account's password changes. The scheduler validates through it, the
 * rotator changes credentials through it and the verifier logs in through it, so each kind is
 * written once. Implementations never put a value in a message (I1).
 */
public interface TargetKind {

    /** The {@code TargetRef.type} this kind serves, e.g. "postgresql". */
    String type();

    /** The keys a target of this kind may carry in {@code properties}, besides host, port, account and admin. */
    default Set<String> properties() {
        return Set.of();
    }

    /** The strategies a rotation of this kind may use; {@link Strategy#SINGLE_USER} is every kind's. */
    default Set<Strategy> strategies() {
        return Set.of(Strategy.SINGLE_USER);
    }

    /**
     * Whether the account's password is changed with another account's credential; false where it changes its own.
     * Every kind so far needs one: an account that may change its own password may also be made to lock itself out.
     */
    default boolean needsAdmin() {
        return true;
    }

    /** What is wrong with a target of this kind beyond host and port, field by field; empty when nothing is. */
    default List<Violation> validate(TargetSpec target) {
        return List.of();
    }

    /**
     * A fresh login as {@code credential} (never a pooled session: that proves nothing about the credential),
     * and a request made as the principal that checks whose session it is.
     */
    LoginResult login(TargetSpec target, Credential credential);

    /** What {@link #login} consists of, as VerificationSucceeded reports it. */
    String loginCheck();

    /**
     * Gives the account {@code next.username()} the password {@code next.password()}, logged in as {@code admin}.
     * Setting the password it already has changes nothing, so a repeated step is harmless.
     *
     * @throws TargetUnavailable when the target did not answer: the change may or may not have been made
     * @throws TargetRefused when the target answered no: retrying cannot help
     */
    void setCredential(TargetSpec target, Credential admin, Credential next);
}
