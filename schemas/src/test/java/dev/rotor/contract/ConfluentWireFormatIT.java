package dev.rotor.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.rotor.schema.RotationReason;
import dev.rotor.schema.RotationRequested;
import dev.rotor.stack.EmbeddedKafka;
import dev.rotor.stack.RegistryServer;
import dev.rotor.stack.testing.RotorStackExtension;
import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;

/**
 * What a Confluent-API consumer of Rotor's topics depends on: records written by the services' serde
 * (Apicurio's, configured as the services configure it) are in the Confluent wire format — magic
 * byte 0, a 4-byte schema id, Avro binary — and that id resolves through /apis/ccompat/v7.
 */
@ExtendWith(RotorStackExtension.class)
class ConfluentWireFormatIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aRecordThroughTheBrokerIsInConfluentWireFormatAndItsIdResolvesThroughCcompat(EmbeddedKafka kafka, RegistryServer registry)
            throws Exception {
        RotationRequested sent = RotationRequested.newBuilder()
                .setEventId(UUID.randomUUID())
                .setRotationId(UUID.randomUUID().toString())
                .setSecretId("db/orders-app")
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS))
                .setReason(RotationReason.MANUAL)
                .setInitiator("wire-format-test")
                .setDeadline(null)
                .build();

        produce(kafka, registry, sent);
        byte[] value = consumeOneRawValue(kafka);

        ByteBuffer buffer = ByteBuffer.wrap(value);
        assertThat(buffer.get()).as("magic byte").isEqualTo((byte) 0);
        int schemaId = buffer.getInt();

        JsonNode byId = getJson(registry.confluentApiUrl() + "/schemas/ids/" + schemaId);
        assertThat(new Schema.Parser().parse(byId.get("schema").asText()))
                .isEqualTo(RotationRequested.getClassSchema());
        JsonNode latest = getJson(registry.confluentApiUrl() + "/subjects/" + Topics.ROTATION_REQUESTED + "-value/versions/latest");
        assertThat(latest.get("id").asInt()).as("the subject's id is the one in the record").isEqualTo(schemaId);

        try (AvroKafkaDeserializer<RotationRequested> deserializer = new AvroKafkaDeserializer<>()) {
            deserializer.configure(registry.serdeConfig(), false);
            assertThat(deserializer.deserialize(Topics.ROTATION_REQUESTED, value)).isEqualTo(sent);
        }
    }

    private static void produce(EmbeddedKafka kafka, RegistryServer registry, RotationRequested event) throws Exception {
        Map<String, Object> config = new HashMap<>(registry.serdeConfig());
        config.putAll(kafka.administratorSettings());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        AvroKafkaSerializer<RotationRequested> serializer = new AvroKafkaSerializer<>();
        // Kafka configures only the serializers it instantiates itself.
        serializer.configure(registry.serdeConfig(), false);
        try (KafkaProducer<String, RotationRequested> producer = new KafkaProducer<>(config, new StringSerializer(), serializer)) {
            producer.send(new ProducerRecord<>(Topics.ROTATION_REQUESTED, event.getSecretId(), event)).get();
        }
    }

    private static byte[] consumeOneRawValue(EmbeddedKafka kafka) {
        Map<String, Object> config = new HashMap<>(kafka.administratorSettings());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, "wire-format-" + UUID.randomUUID());
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.ROTATION_REQUESTED));
            Instant deadline = Instant.now().plusSeconds(30);
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    return record.value();
                }
            }
        }
        throw new AssertionError("no record arrived on " + Topics.ROTATION_REQUESTED + " within 30 s");
    }

    private static JsonNode getJson(String url) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s: %s", url, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
