package dev.rotor.vaultdev;

import java.util.List;

/** A named ACL policy: the HCL it was written in, and the path rules parsed from it. */
record Policy(String name, String raw, List<PathRule> rules) {
}
