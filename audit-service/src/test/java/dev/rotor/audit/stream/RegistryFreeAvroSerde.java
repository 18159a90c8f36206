package dev.rotor.audit.stream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.apache.avro.Schema;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import dev.rotor.contract.Topics;

/**
 * Plain Avro binary with the schema known from the topic (one record type per topic), for tests of
 * the topology: Apicurio's serde needs a registry to talk to, and the topology does not care.
 */
final class RegistryFreeAvroSerde<T extends SpecificRecord> implements Serde<T> {

    @Override
    public Serializer<T> serializer() {
        return (topic, record) -> {
            if (record == null) {
                return null;
            }
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
            try {
                new SpecificDatumWriter<T>(record.getSchema()).write(record, encoder);
                encoder.flush();
            } catch (IOException e) {
                throw new SerializationException("Could not write a " + record.getSchema().getName() + " for " + topic, e);
            }
            return bytes.toByteArray();
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return (topic, bytes) -> {
            if (bytes == null) {
                return null;
            }
            try {
                return new SpecificDatumReader<T>(schemaOf(topic)).read(null, DecoderFactory.get().binaryDecoder(bytes, null));
            } catch (IOException | RuntimeException e) {
                throw new SerializationException("Could not read a record of " + topic, e);
            }
        };
    }

    private static Schema schemaOf(String topic) {
        return Topics.AVRO_TOPICS.stream()
                .filter(avroTopic -> avroTopic.name().equals(topic))
                .map(Topics.AvroTopic::valueSchema)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(topic + " is not an Avro topic of Topics.AVRO_TOPICS"));
    }
}
