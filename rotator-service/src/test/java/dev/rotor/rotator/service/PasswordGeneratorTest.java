package dev.rotor.rotator.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PasswordGeneratorTest {

    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    @Test
    void passwordsHaveTheConfiguredLengthAndAlphabetAndDoNotRepeat() {
        PasswordGenerator generator = new PasswordGenerator(24, ALPHABET);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String password = generator.generate();
            assertThat(password).hasSize(24);
            assertThat(password.chars()).allMatch(c -> ALPHABET.indexOf(c) >= 0);
            seen.add(password);
        }
        assertThat(seen).hasSize(1000);
    }

    @Test
    void everyCharacterOfTheAlphabetIsUsed() {
        PasswordGenerator generator = new PasswordGenerator(32, ALPHABET);
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            generator.generate().chars().forEach(used::add);
        }
        assertThat(used).hasSize(ALPHABET.length());
    }

    @Test
    void weakSettingsAreRefusedWithTheSettingName() {
        assertThatThrownBy(() -> new PasswordGenerator(8, ALPHABET)).hasMessageContaining("rotor.rotator.password.length");
        assertThatThrownBy(() -> new PasswordGenerator(32, "abc")).hasMessageContaining("rotor.rotator.password.alphabet");
    }
}
