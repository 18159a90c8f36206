package dev.rotor.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

/**
 * The admin password of a server the local stack runs: generated once, kept beside the server's data so that a
 * restart keeps it, and readable by its owner only (I1: never a world-readable file).
 */
public final class AdminPasswords {

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private AdminPasswords() {
    }

    /** The admin's password, kept in {@code <dataDir>-admin.password}, created on first use. */
    static String beside(Path dataDir) throws IOException {
        return beside(dataDir, "admin");
    }

    /** The password of {@code who} ({@code admin}, {@code superuser}), kept in {@code <dataDir>-<who>.password}. */
    public static String beside(Path dataDir, String who) throws IOException {
        Path file = file(dataDir, who);
        if (Files.exists(file)) {
            // Files written before the stack set owner-only permissions are tightened on the next start.
            Files.setPosixFilePermissions(file, OWNER_ONLY);
            return Files.readString(file).trim();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = HexFormat.of().formatHex(random);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        Files.writeString(file, password);
        return password;
    }

    static boolean exists(Path dataDir, String who) {
        return Files.exists(file(dataDir, who));
    }

    private static Path file(Path dataDir, String who) {
        return dataDir.resolveSibling(dataDir.getFileName() + "-" + who + ".password");
    }
}
