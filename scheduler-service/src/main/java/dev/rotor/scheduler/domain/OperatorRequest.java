package dev.rotor.scheduler.domain;

import java.util.Optional;

import dev.rotor.scheduler.approval.PendingApproval;
import dev.rotor.scheduler.control.Pause;

/**
 * What became of an operator's manual or emergency request: requested, or waiting for a second
 * approver; and the pause in force for the secret, if any (the request is published all the same).
 */
public record OperatorRequest(Optional<RequestedRotation> requested, Optional<PendingApproval> awaitingApproval, Optional<Pause> pause) {
}
