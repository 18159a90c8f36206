package dev.rotor.scheduler.store;

/** The store could not be asked (down, token refused): nothing can be said about the entry either way. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
