package dev.rotor.stack.demo;

import java.util.Map;
import java.util.Optional;

/**
 * One target kind as the demo sets it up by hand, as its operator would before Rotor manages it: the admin
 * stack.env names, an account with a password on the kind's real server, and the registration's target.
 */
interface DemoTarget {

    /** The target kind, as a registration names it. */
    String type();

    /** Why the demo cannot use this kind's server here (nothing answers, the admin is refused); empty when it can. */
    Optional<String> unavailable();

    /** The admin Rotor changes passwords with: stored at {@code admin/<type>}, named by the registration. */
    Login admin();

    void createAccount(Login account) throws Exception;

    /** The registration's target fields other than type, role and adminSecret. */
    Map<String, Object> connection();

    /** The strategy its secrets rotate with: dual passwords where the kind has them, else single-user. */
    default String strategy() {
        return "single-user";
    }

    /** Empty when the admin's login succeeds; else why this kind's server cannot be used. */
    static Optional<String> unlessAdminLogsIn(String server, Login admin, AdminLogin login) {
        try {
            login.attempt();
            return Optional.empty();
        } catch (Exception e) {
            return Optional.of("cannot log in to " + server + " as " + admin.username() + ": " + e.getMessage());
        }
    }

    @FunctionalInterface
    interface AdminLogin {
        void attempt() throws Exception;
    }

    record Login(String username, String password) {

        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }
}
