package dev.rotor.contract;

import java.util.Optional;

/**
 * Where a rotation in flight keeps its new credential: in the secret's own mount, at {@code <prefix>/<secret path>}.
 * The rotator writes staging entries there and the verifier accepts no other path for a secret, so both must be
 * configured with the same prefix; the Vault policies in deploy/vault/policies grant the default one.
 */
public final class StagingPaths {

    /** The default of rotor.rotator.staging-prefix and rotor.verifier.staging-prefix. */
    public static final String DEFAULT_PREFIX = "rotor-staging";

    private StagingPaths() {
    }

    /** The staging path of the secret stored at {@code secretPath}, in the same mount. */
    public static String of(String prefix, String secretPath) {
        return prefix + "/" + secretPath;
    }

    /** The secret path whose staging entry is at {@code stagingPath}, if it is one. */
    public static Optional<String> secretPathOf(String prefix, String stagingPath) {
        String below = prefix + "/";
        return stagingPath.startsWith(below) ? Optional.of(stagingPath.substring(below.length())) : Optional.empty();
    }
}
