package dev.rotor.target;

import java.util.Arrays;
import java.util.Optional;

/**
 * How a rotation changes a credential, and so whether those who read the store meanwhile are cut off.
 * Written once here in terms of a kind's operations; a kind says which strategies it can do.
 */
public enum Strategy {

    /**
     * The account's password changes in place. Between the change and the consumers' next read of the store
     * the old password is refused: an outage window of set → promote → re-read.
     */
    SINGLE_USER("single-user"),

    /**
     * The new password is added beside the old one and the old one is removed only after promotion: no
     * consumer ever holds a refused password. Needs a kind with {@link DualPasswords}.
     */
    DUAL_PASSWORDS("dual-passwords");

    private final String id;

    Strategy(String id) {
        this.id = id;
    }

    /** As registrations and the rotation matrix write it, e.g. "single-user". */
    public String id() {
        return id;
    }

    public static Optional<Strategy> of(String id) {
        return Arrays.stream(values()).filter(s -> s.id.equals(id)).findFirst();
    }

    /**
     * The strategy a registration names; none means {@link #SINGLE_USER}, as before registrations named one.
     *
     * @throws IllegalArgumentException for a name no strategy has (a registration written past the scheduler)
     */
    public static Strategy ofRegistered(String id) {
        if (id == null) {
            return SINGLE_USER;
        }
        return of(id).orElseThrow(() -> new IllegalArgumentException("unknown rotation strategy '" + id + "': use one of "
                + Arrays.stream(values()).map(Strategy::id).toList()));
    }

    /** Makes {@code next} log in, before verification; the current password stays valid where the strategy keeps it. */
    public void apply(TargetKind kind, TargetSpec target, Credential admin, Credential next) {
        switch (this) {
            case SINGLE_USER -> kind.setCredential(target, admin, next);
            case DUAL_PASSWORDS -> dual(kind).addPassword(target, admin, next);
        }
    }

    /** After promotion, ends what the strategy kept for consumers that had not re-read: {@code previous}'s password. */
    public void retire(TargetKind kind, TargetSpec target, Credential admin, Credential previous) {
        if (this == DUAL_PASSWORDS) {
            dual(kind).removePassword(target, admin, previous);
        }
    }

    /** Before promotion, undoes {@link #apply}: {@code current} logs in as before and {@code next} no more. */
    public void revert(TargetKind kind, TargetSpec target, Credential admin, Credential current, Credential next) {
        switch (this) {
            case SINGLE_USER -> kind.setCredential(target, admin, current);
            case DUAL_PASSWORDS -> dual(kind).removePassword(target, admin, next);
        }
    }

    private DualPasswords dual(TargetKind kind) {
        if (kind instanceof DualPasswords dual) {
            return dual;
        }
        throw new TargetRefused(kind.type() + " cannot keep two passwords for one account: use strategy single-user", null);
    }
}
