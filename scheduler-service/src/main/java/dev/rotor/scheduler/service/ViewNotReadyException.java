package dev.rotor.scheduler.service;

/** The scheduler is still reading its topics after a start and cannot answer yet. */
public class ViewNotReadyException extends RuntimeException {

    public ViewNotReadyException(String pending) {
        super("The scheduler is still reading its topics after start-up (" + pending + "): retry in a few seconds");
    }
}
