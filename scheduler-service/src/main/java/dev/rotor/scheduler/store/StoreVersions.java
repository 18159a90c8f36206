package dev.rotor.scheduler.store;

import java.util.OptionalInt;

import dev.rotor.scheduler.domain.StoreLocation;

/** Which version of an entry the store holds as current: what a revert to an earlier version is checked against. */
public interface StoreVersions {

    /**
     * @return the entry's current version (KV v2 counts from 1), or empty when there is no entry
     * @throws StoreUnavailableException when the store cannot say
     */
    OptionalInt currentVersion(StoreLocation location);
}
