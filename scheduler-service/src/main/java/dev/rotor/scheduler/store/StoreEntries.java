package dev.rotor.scheduler.store;

import java.util.Optional;
import java.util.Set;

import dev.rotor.scheduler.domain.StoreLocation;

/** What the store holds at a location, as key names and the username: the scheduler never needs a password. */
public interface StoreEntries {

    /** An entry's key names, and its username (null without one): what a registration is checked against. */
    record Shape(Set<String> keys, String username) {
    }

    /**
     * @return the shape of the entry's current version, or empty when there is no entry
     * @throws StoreUnavailableException when the store cannot say
     */
    Optional<Shape> shape(StoreLocation location);
}
