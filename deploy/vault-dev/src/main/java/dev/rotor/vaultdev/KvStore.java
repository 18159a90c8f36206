package dev.rotor.vaultdev;

import java.util.TreeMap;
import java.util.TreeSet;

/** The contents of one KV v2 mount: its config and its secrets keyed by path. */
final class KvStore {

    /** Vault's default when neither the mount nor the key sets max_versions. */
    static final int DEFAULT_MAX_VERSIONS = 10;

    int maxVersions;
    boolean casRequired;
    TreeMap<String, KvSecret> secrets = new TreeMap<>();

    /** Direct children of a folder, sub-folders with a trailing slash, like Vault's LIST. */
    TreeSet<String> childrenOf(String folder) {
        TreeSet<String> children = new TreeSet<>();
        for (String key : secrets.tailMap(folder, true).keySet()) {
            if (!key.startsWith(folder)) {
                break;
            }
            String rest = key.substring(folder.length());
            int slash = rest.indexOf('/');
            children.add(slash < 0 ? rest : rest.substring(0, slash + 1));
        }
        return children;
    }
}
