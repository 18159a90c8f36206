package dev.rotor.target;

/** A kind whose accounts can hold two passwords at once (Redis ACL users, MySQL 8.0.14+ RETAIN CURRENT PASSWORD). */
public interface DualPasswords {

    /** Adds {@code next.password()} to the account's passwords; the ones it had keep working. Adding it again changes nothing. */
    void addPassword(TargetSpec target, Credential admin, Credential next);

    /** Removes {@code old.password()} from the account's passwords; removing one it does not have changes nothing. */
    void removePassword(TargetSpec target, Credential admin, Credential old);
}
