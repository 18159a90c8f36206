package dev.rotor.rotator.store;

/** A check-and-set write lost: someone else wrote the entry first. */
public class StoreConflict extends RuntimeException {

    public StoreConflict(String message) {
        super(message);
    }
}
