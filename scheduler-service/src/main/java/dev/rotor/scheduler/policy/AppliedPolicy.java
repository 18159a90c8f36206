package dev.rotor.scheduler.policy;

import java.time.Instant;
import java.util.Optional;

/** The matrix in force and where it came from: its YAML as applied, who applied it, from which file, when. */
public record AppliedPolicy(RotationMatrix matrix, String document, String initiator, Optional<String> sourceFile, Instant appliedAt) {
}
