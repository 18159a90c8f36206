package dev.rotor.target;

/** What every kind does with a driver's exception: find what caused it, and keep a value out of its text (I1). */
public final class Failures {

    private static final String REDACTED = "<redacted>";

    private Failures() {
    }

    /**
     * A change that failed, as the exception a kind throws: {@link TargetUnavailable} where the target did not
     * answer (the step is retried), {@link TargetRefused} where it answered, the admin's own refused login included.
     *
     * @param advice what an operator checks when the target refused, e.g. "check that the admin may ALTER ROLE"
     */
    public static RuntimeException ofChange(LoginResult.Status status, String detail, String advice, Throwable cause) {
        if (status.isTransient() && status != LoginResult.Status.AUTH_FAILED) {
            return new TargetUnavailable(detail + "; retrying", cause);
        }
        return new TargetRefused(detail + ": " + advice, cause);
    }

    public static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    public static Throwable rootCause(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root;
    }

    /**
     * The text without the value. Servers and drivers here do not echo a password, but the text goes onto a
     * topic and a future driver might.
     */
    public static String scrub(String text, String value) {
        return value == null || value.isEmpty() ? text : text.replace(value, REDACTED);
    }
}
