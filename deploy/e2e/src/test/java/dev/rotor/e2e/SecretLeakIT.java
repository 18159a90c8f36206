package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.rotor.e2e.Rotations.ManagedRole;

/** I1: after a run of rotations, no password is in any topic's raw bytes or any service's log. */
class SecretLeakIT extends EndToEndTest {

    @Test
    void noPasswordAppearsInAnyTopicOrServiceLog() throws Exception {
        List<ManagedRole> roles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ManagedRole role = rotations.newRole("leak_check");
            roles.add(role);
            assertThat(rotations.awaitTerminal(rotations.request(role.secretId()))).isEqualTo("RotationCompleted");
        }
        Set<String> passwords = new HashSet<>();
        for (ManagedRole role : roles) {
            passwords.add(role.initialPassword());
            passwords.add(role.storedPassword());
        }
        LeakScan.assertNowhere(passwords, services.all());
    }
}
