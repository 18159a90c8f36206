package dev.rotor.target;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

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
    DUAL_PASSWORDS("dual-passwords"),

    /**
     * Two accounts with the same privileges take turns: a rotation changes the password of the one the store does
     * not name, verifies it, and promotes it by switching the store's username and password. The account consumers
     * hold keeps working until the rotation after next: no outage window. Needs {@link AccountPrivileges} and the
     * target's {@value #ALTERNATE} property.
     */
    ALTERNATING_USERS("alternating-users");

    /** The property naming the second account of an alternating pair; the target's role is the first. */
    public static final String ALTERNATE = "alternateRole";

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

    /** What a target with this strategy needs beyond its kind's checks; fields are relative to the target. */
    public List<Violation> validate(TargetSpec target) {
        if (this != ALTERNATING_USERS) {
            return List.of();
        }
        Optional<String> alternate = target.property(ALTERNATE);
        if (alternate.isEmpty()) {
            return List.of(new Violation(ALTERNATE, "required for alternating-users: the second account, with the same privileges as"
                    + " role"));
        }
        return alternate.get().equals(target.account())
                ? List.of(new Violation(ALTERNATE, "must name another account than role")) : List.of();
    }

    /** Whether {@link #retire} has anything to do: it needs the replaced credential, read from the store. */
    public boolean retiresPrevious() {
        return this == DUAL_PASSWORDS;
    }

    /**
     * Whether a credential for {@code username} may be the target's: its account, or the alternate of an alternating
     * pair. The verifier asks this of every staged credential, knowing only the target.
     */
    public static boolean isAccountOf(TargetSpec target, String username) {
        return username.equals(target.account()) || target.property(ALTERNATE).map(username::equals).orElse(false);
    }

    /** The accounts the store may name for the target. */
    public Set<String> accounts(TargetSpec target) {
        return this == ALTERNATING_USERS ? Set.of(target.account(), target.property(ALTERNATE).orElseThrow()) : Set.of(target.account());
    }

    /** The account the next credential is for: the other of the pair with alternating users, the same one otherwise. */
    public String nextAccount(TargetSpec target, String current) {
        if (this != ALTERNATING_USERS) {
            return current;
        }
        return current.equals(target.account()) ? target.property(ALTERNATE).orElseThrow() : target.account();
    }

    /**
     * What the next account lacks, or holds beyond, compared with the current one: each line names a privilege, so
     * that an operator grants exactly that; empty when it may take over. Only alternating users change accounts.
     */
    public List<String> privilegeDifferences(TargetKind kind, TargetSpec target, Credential admin, String current, String next) {
        if (this != ALTERNATING_USERS || current.equals(next)) {
            return List.of();
        }
        AccountPrivileges privileges = privileges(kind);
        Set<String> held = privileges.privileges(target, admin, current);
        Set<String> nextHolds = privileges.privileges(target, admin, next);
        List<String> differences = new ArrayList<>();
        held.stream().filter(p -> !nextHolds.contains(p)).sorted().forEach(p -> differences.add(next + " lacks " + p));
        nextHolds.stream().filter(p -> !held.contains(p)).sorted().forEach(p -> differences.add(next + " also has " + p));
        return differences;
    }

    /** Makes {@code next} log in, before verification; the current password stays valid where the strategy keeps it. */
    public void apply(TargetKind kind, TargetSpec target, Credential admin, Credential next) {
        switch (this) {
            case SINGLE_USER, ALTERNATING_USERS -> kind.setCredential(target, admin, next);
            case DUAL_PASSWORDS -> dual(kind).addPassword(target, admin, next);
        }
    }

    /** After promotion, ends what the strategy kept for consumers that had not re-read: {@code previous}'s password. */
    public void retire(TargetKind kind, TargetSpec target, Credential admin, Credential previous) {
        if (this == DUAL_PASSWORDS) {
            dual(kind).removePassword(target, admin, previous);
        }
    }

    /**
     * Before promotion, undoes {@link #apply}: {@code current} logs in as before and {@code next} no more. With
     * alternating users the current account was never touched, and the other one keeps the staged password, which
     * the staging entry's removal leaves known to no one; the next rotation sets it anew.
     */
    public void revert(TargetKind kind, TargetSpec target, Credential admin, Credential current, Credential next) {
        switch (this) {
            case SINGLE_USER -> kind.setCredential(target, admin, current);
            case DUAL_PASSWORDS -> dual(kind).removePassword(target, admin, next);
            case ALTERNATING_USERS -> { }
        }
    }

    private AccountPrivileges privileges(TargetKind kind) {
        if (kind instanceof AccountPrivileges privileges) {
            return privileges;
        }
        throw new TargetRefused(kind.type() + " cannot compare two accounts' privileges: use strategy single-user", null);
    }

    private DualPasswords dual(TargetKind kind) {
        if (kind instanceof DualPasswords dual) {
            return dual;
        }
        throw new TargetRefused(kind.type() + " cannot keep two passwords for one account: use strategy single-user", null);
    }
}
