package dev.rotor.vaultdev;

import java.util.TreeMap;

/**
 * Everything the server remembers: mounts (with their KV secrets and transit keys), tokens and
 * ACL policies.
 * Plain mutable fields because it is serialized as a whole to the data file after each change.
 */
final class VaultState {

    /** Keyed by mount path with its trailing slash, as Vault lists them ("secret/"). */
    TreeMap<String, Mount> mounts = new TreeMap<>();

    /** Keyed by token id. */
    TreeMap<String, TokenEntry> tokens = new TreeMap<>();

    /** ACL policies as written (HCL), keyed by lower-case name; "root" is built in and never stored. */
    TreeMap<String, String> policies = new TreeMap<>();
}
