package dev.rotor.scheduler.store;

import dev.rotor.scheduler.domain.StoreLocation;

/**
 * Whether the store holds an entry, as its metadata says: the scheduler knows where credentials are, never what they
 * are (its Vault policy, deploy/vault/policies/scheduler.hcl, denies every value).
 */
public interface StoreEntries {

    /**
     * @return whether the entry's current version exists, neither deleted nor destroyed
     * @throws StoreUnavailableException when the store cannot say
     */
    boolean exists(StoreLocation location);
}
