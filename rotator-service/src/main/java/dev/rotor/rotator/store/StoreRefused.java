package dev.rotor.rotator.store;

/**
 * The store answered, and the answer will not change by asking again: permission denied, a malformed entry.
 * An operator has to act; the message says what on which path.
 */
public class StoreRefused extends RuntimeException {

    public StoreRefused(String message) {
        super(message);
    }
}
