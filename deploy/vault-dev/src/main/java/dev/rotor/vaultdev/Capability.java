package dev.rotor.vaultdev;

import java.util.Locale;

/** The capabilities a policy grants on a path, as Vault names them in HCL. */
enum Capability {
    CREATE, READ, UPDATE, PATCH, DELETE, LIST, SUDO, DENY;

    String hclName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Capability fromHcl(String name) {
        for (Capability capability : values()) {
            if (capability.hclName().equals(name)) {
                return capability;
            }
        }
        return null;
    }
}
