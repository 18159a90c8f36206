package dev.rotor.rotator.service;

import java.security.SecureRandom;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.rotor.rotator.config.RotatorConfig;

/** New passwords: uniformly random over the configured alphabet, from {@link SecureRandom}. */
@ApplicationScoped
public class PasswordGenerator {

    private final SecureRandom random = new SecureRandom();
    private final int length;
    private final String alphabet;

    @Inject
    PasswordGenerator(RotatorConfig config) {
        this(config.password().length(), config.password().alphabet());
    }

    PasswordGenerator(int length, String alphabet) {
        if (length < 16) {
            throw new IllegalArgumentException("rotor.rotator.password.length must be at least 16, got " + length);
        }
        if (alphabet.chars().distinct().count() < 10) {
            throw new IllegalArgumentException("rotor.rotator.password.alphabet must have at least 10 distinct characters");
        }
        this.length = length;
        this.alphabet = alphabet;
    }

    public String generate() {
        StringBuilder password = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
