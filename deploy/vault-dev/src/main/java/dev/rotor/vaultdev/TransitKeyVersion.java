package dev.rotor.vaultdev;

/** Key material of one transit key version and its creation time in Unix seconds, as Vault lists it. */
final class TransitKeyVersion {

    byte[] key;
    long creationTime;

    static TransitKeyVersion of(byte[] key, long creationTime) {
        TransitKeyVersion version = new TransitKeyVersion();
        version.key = key;
        version.creationTime = creationTime;
        return version;
    }
}
