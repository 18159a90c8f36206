package dev.rotor.contract;

import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

import io.apicurio.registry.serde.avro.DefaultAvroDatumProvider;

/**
 * Apicurio's default provider finds generated classes through Avro's shared {@code SpecificData},
 * which looks in Avro's own class loader and then the thread's context loader. Where those differ
 * from the application's loader (Quarkus tests, Kafka's threads) it finds another copy of a class,
 * or none, and loses the logical-type conversions: a nullable timestamp fails to serialize and a
 * record deserializes to a class the listeners cannot cast. This provider resolves classes in the
 * loader that loaded it (the application's: Kafka instantiates it while the channels are created)
 * and always applies the conversions generated classes are written for.
 */
public class SpecificRecordDatumProvider<T> extends DefaultAvroDatumProvider<T> {

    private final SpecificData model = new SpecificData(SpecificRecordDatumProvider.class.getClassLoader());

    public SpecificRecordDatumProvider() {
        super(true);
        // What the avro-maven-plugin's generated code maps logical types to (decimals stay bytes by default).
        model.addLogicalTypeConversion(new Conversions.UUIDConversion());
        model.addLogicalTypeConversion(new TimeConversions.DateConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimeMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.TimestampMicrosConversion());
        model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMillisConversion());
        model.addLogicalTypeConversion(new TimeConversions.LocalTimestampMicrosConversion());
    }

    @Override
    public DatumWriter<T> createDatumWriter(T data, Schema schema) {
        return data instanceof SpecificRecord ? new SpecificDatumWriter<>(schema, model) : super.createDatumWriter(data, schema);
    }

    @Override
    public DatumReader<T> createDatumReader(Schema writerSchema) {
        Class<?> generated = writerSchema.getType() == Schema.Type.RECORD ? model.getClass(writerSchema) : null;
        if (generated == null || !SpecificRecord.class.isAssignableFrom(generated)) {
            return super.createDatumReader(writerSchema);
        }
        // Read with the class's own schema, so that a record written with an older or newer compatible schema still maps.
        return new SpecificDatumReader<>(writerSchema, model.getSchema(generated), model);
    }
}
