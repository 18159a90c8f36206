package dev.rotor.scheduler.approval;

/**
 * A MANUAL rotation of a secret whose class asks for a second approver. Both reasons rotate out of schedule and
 * bypass pauses alike, so letting MANUAL through would make the rule a choice of word: the caller is sent to the
 * emergency path, where another person approves.
 */
public class SecondApproverRequiredException extends RuntimeException {

    public SecondApproverRequiredException(String secretId, String secretClass) {
        super("Class " + secretClass + " asks for a second approver for rotations outside its schedule, so " + secretId
                + " is not rotated on one person's MANUAL request: ask with reason EMERGENCY and a detail saying why"
                + " (./rotor rotate " + secretId + " --emergency --reason '...'), then another person with the approver role approves it");
    }
}
