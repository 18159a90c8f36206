package dev.rotor.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.rotor.contract.Topics.AvroTopic;

/**
 * Schemas evolve BACKWARD-compatibly: a consumer built with today's schema must read every record
 * written with the previous release's schema, which is kept in {@code src/test/resources/baseline/}.
 */
class SchemaCompatibilityTest {

    /** Field names that could only exist to carry a credential; the contract must never have one (I1). */
    private static final Pattern VALUE_LIKE_NAME = Pattern.compile(
            "password|passwd|passphrase|token|credential|plaintext|ciphertext|privatekey|apikey|secretvalue|value");

    static Stream<AvroTopic> topics() {
        return Topics.AVRO_TOPICS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void currentSchemaReadsRecordsWrittenWithTheBaseline(AvroTopic topic) throws IOException {
        Schema baseline = baseline(topic.valueSchema().getName());

        var result = SchemaCompatibility.checkReaderWriterCompatibility(topic.valueSchema(), baseline);

        assertThat(result.getType())
                .as("%s is not BACKWARD compatible with its baseline: %s", topic.valueSubject(), result.getResult().getIncompatibilities())
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void theCheckRejectsARequiredFieldAddedWithoutDefault() throws IOException {
        Schema baseline = baseline("RotationRequested");
        Schema withNewRequiredField = new Schema.Parser().parse(baseline.toString()
                .replace("\"fields\":[", "\"fields\":[{\"name\":\"tenant\",\"type\":\"string\"},"));

        var result = SchemaCompatibility.checkReaderWriterCompatibility(withNewRequiredField, baseline);

        assertThat(result.getType()).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topics")
    void noFieldCanCarryASecretValue(AvroTopic topic) {
        List<String> suspicious = topic.valueSchema().getFields().stream()
                .map(Schema.Field::name)
                .filter(name -> VALUE_LIKE_NAME.matcher(name.toLowerCase(Locale.ROOT)).find())
                .toList();

        assertThat(suspicious).as("fields of %s that look like they hold a value", topic.name()).isEmpty();
    }

    static Stream<AvroTopic> lifecycleTopics() {
        return Topics.LIFECYCLE_TOPICS.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lifecycleTopics")
    void everyLifecycleEventCarriesTheCommonFields(AvroTopic topic) {
        assertThat(topic.valueSchema().getFields()).extracting(Schema.Field::name)
                .contains("eventId", "rotationId", "secretId", "occurredAt");
        assertThat(topic.valueSchema().getField("occurredAt").schema().getLogicalType().getName()).isEqualTo("timestamp-millis");
    }

    private static Schema baseline(String name) throws IOException {
        try (InputStream in = SchemaCompatibilityTest.class.getResourceAsStream("/baseline/" + name + ".avsc")) {
            assertThat(in).as("baseline/%s.avsc: every contract schema needs the previous release's copy", name).isNotNull();
            return new Schema.Parser().parse(in);
        }
    }
}
