package dev.rotor.audit.stream;

import java.io.IOException;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * JSON for the audit's own state stores and repartition topic: domain records stay out of the
 * registry, and a changelog is readable with kcat when a store needs explaining.
 */
final class JsonSerde {

    private static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A store written by a newer version of the service must still restore in an older one.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private JsonSerde() {
    }

    static <T> Serde<T> of(Class<T> type) {
        return Serdes.serdeFrom(
                (topic, value) -> write(topic, value),
                (topic, bytes) -> read(topic, bytes, type));
    }

    private static byte[] write(String topic, Object value) {
        if (value == null) {
            return null;
        }
        try {
            return JSON.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new SerializationException("Could not write a " + value.getClass().getSimpleName() + " to " + topic, e);
        }
    }

    private static <T> T read(String topic, byte[] bytes, Class<T> type) {
        if (bytes == null) {
            return null;
        }
        try {
            return JSON.readValue(bytes, type);
        } catch (IOException e) {
            throw new SerializationException("Could not read a " + type.getSimpleName() + " from " + topic, e);
        }
    }
}
