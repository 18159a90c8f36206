package dev.rotor.stack;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the project's built artefacts are, for code that runs inside the source tree (tests, ./rotor). */
final class RotorPaths {

    private RotorPaths() {
    }

    /** The checkout's root: {@code -Drotor.root} (set by the build), {@code ROTOR_HOME}, or the nearest folder up with the launcher. */
    static Path root() {
        String configured = System.getProperty("rotor.root", System.getenv("ROTOR_HOME"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("rotor")) && Files.isDirectory(dir.resolve("deploy"))) {
                return dir;
            }
        }
        throw new IllegalStateException("Cannot find the Rotor checkout: set ROTOR_HOME or -Drotor.root");
    }

    static Path registryJar() {
        Path jar = root().resolve("deploy/registry/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("The schema registry is not built (" + jar + " is missing): run "
                    + "'mvn -f deploy/registry/pom.xml package' or './rotor build'");
        }
        return jar;
    }

    static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
