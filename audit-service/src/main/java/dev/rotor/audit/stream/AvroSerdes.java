package dev.rotor.audit.stream;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;

/** Makes the serde of the Avro topics: the registry's in production, a registry-free one in topology tests. */
public interface AvroSerdes {

    <T extends SpecificRecord> Serde<T> serde();
}
