package dev.rotor.vaultdev;

/** Vault's logical operations; several HTTP methods map onto one (POST and PUT are both UPDATE). */
enum Operation {
    READ, LIST, UPDATE, DELETE, PATCH;

    boolean mutates() {
        return this == UPDATE || this == DELETE || this == PATCH;
    }
}
