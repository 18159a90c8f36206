package dev.rotor.rotator.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import dev.rotor.contract.StagingPaths;
import dev.rotor.rotator.config.RotatorConfig;
import dev.rotor.rotator.domain.FinishedRotation;
import dev.rotor.rotator.domain.ManagedSecret;
import dev.rotor.rotator.domain.StagingEntry;
import dev.rotor.rotator.domain.StoreEntry;
import dev.rotor.target.Credential;

/**
 * The secret store (Vault KV v2) as the rotation protocol uses it: the secret's own path holds the
 * promoted credential, {@code <staging prefix>/<path>} holds a rotation in flight, and the secret's
 * custom metadata records the last rotation that ended. Every write is check-and-set.
 */
@ApplicationScoped
public class CredentialStore {

    static final String USERNAME = "username";
    static final String PASSWORD = "password";
    static final String ROTATION_ID = "rotor_rotation_id";
    static final String PREVIOUS_VERSION = "rotor_previous_version";
    static final String DEADLINE = "rotor_deadline";
    static final String PHASE = "rotor_phase";
    static final String LAST_ROTATION = "rotor-last-rotation-id";
    static final String LAST_OUTCOME = "rotor-last-outcome";
    static final String RECENT = "rotor-recent-ends";
    /** 8 ends of at most ~60 bytes (a rotation id and an outcome) stay within Vault's 512 bytes per value. */
    static final int RECENT_ENDS = 8;

    /** The staging entry is created at version 1 and marked SETTING once, at version 2. */
    private static final int STAGED_VERSION = 1;

    private final Kv kv;
    private final String stagingPrefix;

    public CredentialStore(Kv kv, RotatorConfig config) {
        this.kv = kv;
        this.stagingPrefix = config.stagingPrefix();
    }

    public String stagingPath(ManagedSecret secret) {
        return StagingPaths.of(stagingPrefix, secret.path());
    }

    /** The secret path whose staging entry is at {@code stagingPath}, if it is one. */
    public Optional<String> secretPathOf(String stagingPath) {
        return StagingPaths.secretPathOf(stagingPrefix, stagingPath);
    }

    /** The paths of every staging entry in a mount: the rotations in flight there. */
    public List<String> stagingPaths(String mount) {
        return kv.listBelow(mount, stagingPrefix);
    }

    public Optional<StoreEntry> current(ManagedSecret secret) {
        return kv.read(secret.mount(), secret.path()).map(entry -> new StoreEntry(
                entry.version(), credential(entry, secret.mount(), secret.path()), entry.string(ROTATION_ID)));
    }

    /** The credential the secret held at an earlier store version, while that version is kept and not deleted. */
    public Optional<Credential> atVersion(ManagedSecret secret, int version) {
        return kv.read(secret.mount(), secret.path(), version).map(entry -> credential(entry, secret.mount(), secret.path()));
    }

    public Optional<Credential> admin(ManagedSecret secret) {
        String adminPath = secret.target().adminPath();
        return kv.read(secret.mount(), adminPath).map(entry -> credential(entry, secret.mount(), adminPath));
    }

    public Optional<StagingEntry> staging(ManagedSecret secret) {
        String path = stagingPath(secret);
        return kv.read(secret.mount(), path).map(entry -> new StagingEntry(
                entry.string(ROTATION_ID),
                Integer.parseInt(entry.string(PREVIOUS_VERSION)),
                credential(entry, secret.mount(), path),
                deadline(entry),
                phase(entry)));
    }

    /** Creates the staging entry; fails with {@link StoreConflict} when another rotation holds it. */
    public void stage(ManagedSecret secret, StagingEntry entry) {
        kv.write(secret.mount(), stagingPath(secret), 0, stagingData(entry));
    }

    /**
     * Records, before the target is touched, that it is about to be: from here on, ending the rotation means
     * restoring the previous credential. Marking an entry that is marked already changes nothing.
     */
    public StagingEntry markSetting(ManagedSecret secret, StagingEntry entry) {
        if (entry.phase() == StagingEntry.Phase.SETTING) {
            return entry;
        }
        StagingEntry setting = entry.setting();
        try {
            kv.write(secret.mount(), stagingPath(secret), STAGED_VERSION, stagingData(setting));
        } catch (StoreConflict e) {
            StagingEntry now = staging(secret).filter(s -> s.rotationId().equals(entry.rotationId()))
                    .orElseThrow(() -> new StoreConflict("the staging entry of rotation " + entry.rotationId() + " of "
                            + secret.secretId() + " was replaced while it was being marked"));
            if (now.phase() != StagingEntry.Phase.SETTING) {
                throw e;
            }
        }
        return setting;
    }

    /** Writes the staged credential to the secret's own path, only over the version it replaces; returns the new version. */
    public int promote(ManagedSecret secret, StagingEntry entry) {
        return kv.write(secret.mount(), secret.path(), entry.previousVersion(), Map.of(
                USERNAME, entry.credential().username(),
                PASSWORD, entry.credential().password(),
                ROTATION_ID, entry.rotationId()));
    }

    public void dropStaging(ManagedSecret secret) {
        kv.deleteAll(secret.mount(), stagingPath(secret));
    }

    /**
     * Records how a rotation ended in the secret's custom metadata, among the last {@value #RECENT_ENDS} ends: a
     * redelivered step of any of them then finishes the same way instead of starting that rotation again. Vault
     * caps a custom-metadata value at 512 bytes, which is what bounds the list.
     */
    public void recordFinished(ManagedSecret secret, FinishedRotation finished) {
        Map<String, Object> custom = new HashMap<>(kv.customMetadata(secret.mount(), secret.path()).orElse(Map.of()));
        List<FinishedRotation> recent = new ArrayList<>(recentEnds(custom));
        recent.removeIf(f -> f.rotationId().equals(finished.rotationId()));
        recent.add(0, finished);
        custom.put(RECENT, String.join(",", recent.stream().limit(RECENT_ENDS).map(f -> f.rotationId() + ":" + f.outcome()).toList()));
        custom.remove(LAST_ROTATION);
        custom.remove(LAST_OUTCOME);
        kv.writeCustomMetadata(secret.mount(), secret.path(), custom);
    }

    /** How the rotation ended, if it is one of the secret's recent ends. */
    public Optional<FinishedRotation> finished(ManagedSecret secret, String rotationId) {
        return recentEnds(kv.customMetadata(secret.mount(), secret.path()).orElse(Map.of())).stream()
                .filter(f -> f.rotationId().equals(rotationId))
                .findFirst();
    }

    private static List<FinishedRotation> recentEnds(Map<String, Object> custom) {
        List<FinishedRotation> ends = new ArrayList<>();
        Object recent = custom.get(RECENT);
        if (recent != null && !String.valueOf(recent).isEmpty()) {
            for (String end : String.valueOf(recent).split(",")) {
                int colon = end.lastIndexOf(':');
                ends.add(new FinishedRotation(end.substring(0, colon), FinishedRotation.Outcome.valueOf(end.substring(colon + 1))));
            }
        }
        // Written by rotators before the list existed.
        if (custom.get(LAST_ROTATION) != null) {
            ends.add(new FinishedRotation(String.valueOf(custom.get(LAST_ROTATION)),
                    FinishedRotation.Outcome.valueOf(String.valueOf(custom.get(LAST_OUTCOME)))));
        }
        return ends;
    }

    private static Map<String, Object> stagingData(StagingEntry entry) {
        return Map.of(
                USERNAME, entry.credential().username(),
                PASSWORD, entry.credential().password(),
                ROTATION_ID, entry.rotationId(),
                PREVIOUS_VERSION, String.valueOf(entry.previousVersion()),
                DEADLINE, String.valueOf(entry.deadline().toEpochMilli()),
                PHASE, entry.phase().name());
    }

    /** An entry staged before deadlines were recorded is treated as overdue, so that the reaper ends it. */
    private static Instant deadline(Kv.Versioned entry) {
        String deadline = entry.string(DEADLINE);
        return deadline == null ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(deadline));
    }

    /** Without a recorded phase the target may have been changed: assume it was, and restore. */
    private static StagingEntry.Phase phase(Kv.Versioned entry) {
        String phase = entry.string(PHASE);
        return phase == null ? StagingEntry.Phase.SETTING : StagingEntry.Phase.valueOf(phase);
    }

    private static Credential credential(Kv.Versioned entry, String mount, String path) {
        String username = entry.string(USERNAME);
        String password = entry.string(PASSWORD);
        if (username == null || password == null) {
            throw new StoreRefused("store entry " + mount + "/" + path + " has no '" + USERNAME + "' and '" + PASSWORD
                    + "' keys: write both to it");
        }
        return new Credential(username, password);
    }
}
