package dev.rotor.scheduler.service;

/** A revert that cannot be requested now (a rotation in flight, no store entry); the message says what to do first. */
public class RevertRefusedException extends RuntimeException {

    public RevertRefusedException(String message) {
        super(message);
    }
}
