package dev.rotor.target;

import java.util.Set;

/** A kind that can list what an account may do, so that two accounts can be compared before one takes over. */
public interface AccountPrivileges {

    /**
     * Everything {@code account} holds, each as a line an operator reads ("SELECT on table public.orders",
     * "member of app_rw"), never naming the account itself, so that two accounts' lines compare. Read as the admin.
     *
     * @throws TargetUnavailable when the target did not answer
     * @throws TargetRefused when it refused to say
     */
    Set<String> privileges(TargetSpec target, Credential admin, String account);
}
