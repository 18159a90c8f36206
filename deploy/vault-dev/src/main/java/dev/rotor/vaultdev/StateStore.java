package dev.rotor.vaultdev;

/** Where the server's state lives between restarts: a file, or nowhere (in-memory). */
interface StateStore {

    /** @return the saved state, or a fresh empty one when nothing was saved yet */
    VaultState load();

    void save(VaultState state);

    static StateStore inMemory() {
        return new StateStore() {
            @Override
            public VaultState load() {
                return new VaultState();
            }

            @Override
            public void save(VaultState state) {
                // Nothing outlives the process: that is what in-memory means.
            }
        };
    }
}
