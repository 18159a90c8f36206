package dev.rotor.scheduler.store;

import java.util.Optional;
import java.util.Set;

import dev.rotor.scheduler.domain.StoreLocation;

/** What the store holds at a location, as key names only: the scheduler never needs a value. */
public interface StoreEntries {

    /**
     * @return the key names of the entry's current version, or empty when there is no entry
     * @throws StoreUnavailableException when the store cannot say
     */
    Optional<Set<String>> keyNames(StoreLocation location);
}
