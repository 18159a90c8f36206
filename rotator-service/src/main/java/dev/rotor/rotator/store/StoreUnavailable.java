package dev.rotor.rotator.store;

/** The store could not be reached or answered with something unusable; a retry may succeed. */
public class StoreUnavailable extends RuntimeException {

    public StoreUnavailable(String message) {
        super(message);
    }

    public StoreUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
