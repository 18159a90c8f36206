package dev.rotor.vaultdev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * Keeps the whole state in one JSON file, replaced atomically after every change: a crash or a
 * restart of the stack never loses a credential that a rotation already wrote. The file holds
 * secret values and key material in the clear; it is a dev artefact.
 */
final class FileStateStore implements StateStore {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
            .setVisibility(PropertyAccessor.FIELD, Visibility.ANY);

    private final Path file;

    FileStateStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    @Override
    public VaultState load() {
        if (!Files.exists(file)) {
            return new VaultState();
        }
        try {
            return MAPPER.readValue(file.toFile(), VaultState.class);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the dev Vault data file " + file
                    + "; fix or move it away to start empty", e);
        }
    }

    @Override
    public void save(VaultState state) {
        try {
            Files.createDirectories(file.getParent());
            Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                MAPPER.writeValue(temp.toFile(), state);
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the dev Vault data file " + file, e);
        }
    }
}
