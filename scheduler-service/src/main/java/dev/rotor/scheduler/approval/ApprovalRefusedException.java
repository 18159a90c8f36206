package dev.rotor.scheduler.approval;

/** An approval that cannot be given, and why; the message says what to do instead. */
public class ApprovalRefusedException extends RuntimeException {

    public enum Refusal {
        UNKNOWN,
        SAME_PERSON,
        ALREADY_APPROVED,
        EXPIRED
    }

    private final Refusal refusal;

    ApprovalRefusedException(Refusal refusal, String message) {
        super(message);
        this.refusal = refusal;
    }

    public Refusal refusal() {
        return refusal;
    }
}
