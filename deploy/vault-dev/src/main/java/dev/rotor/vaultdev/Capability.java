package dev.rotor.vaultdev;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The capabilities a policy grants on a path, as Vault names them in HCL. */
enum Capability {
    CREATE, READ, UPDATE, PATCH, DELETE, LIST, SUDO, DENY;

    String hclName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<Capability> fromHcl(String name) {
        return Arrays.stream(values()).filter(capability -> capability.hclName().equals(name)).findFirst();
    }
}
