package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * I1, checked on the raw bytes: no password — the ones a test knows, every version the store holds
 * under db/, and the admin credential — is in any key, value or header of any topic, or in any log
 * of the given services.
 */
final class LeakScan {

    private LeakScan() {
    }

    static void assertNowhere(Collection<String> known, List<ServiceProcess> services) throws Exception {
        Set<String> passwords = new HashSet<>(known);
        passwords.addAll(everyStoredPassword());
        passwords.add(Fixtures.pg().password());
        List<ConsumerRecord<byte[], byte[]>> records = RawTopics.readAll();
        assertThat(records).isNotEmpty();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            for (String password : passwords) {
                assertThat(contains(record.value(), password)).as("a password in a value on %s", record.topic()).isFalse();
                assertThat(contains(record.key(), password)).as("a password in a key on %s", record.topic()).isFalse();
                for (Header header : record.headers()) {
                    assertThat(contains(header.value(), password)).as("a password in header %s on %s", header.key(), record.topic()).isFalse();
                }
            }
        }
        for (ServiceProcess service : services) {
            for (Path logFile : service.logs()) {
                String text = Files.readString(logFile);
                for (String password : passwords) {
                    assertThat(text.contains(password)).as("a password in %s", logFile).isFalse();
                }
            }
        }
    }

    /** Every password the store holds in any version of any secret under db/: initial and generated. */
    private static Set<String> everyStoredPassword() throws Exception {
        Set<String> passwords = new HashSet<>();
        for (JsonNode key : Fixtures.list("db/")) {
            String path = "db/" + key.asText();
            JsonNode metadata = Fixtures.readMetadata(path);
            metadata.get("versions").fieldNames().forEachRemaining(version -> {
                try {
                    JsonNode data = Fixtures.readKvVersion(path, Integer.parseInt(version));
                    if (data != null && data.get("data") != null && data.get("data").hasNonNull("password")) {
                        passwords.add(data.get("data").get("password").asText());
                    }
                } catch (Exception e) {
                    throw new AssertionError("reading " + path + " version " + version, e);
                }
            });
        }
        return passwords;
    }

    private static boolean contains(byte[] bytes, String text) {
        return bytes != null && new String(bytes, StandardCharsets.ISO_8859_1).contains(text);
    }
}
