package dev.rotor.audit.stream;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jboss.logging.Logger;

/**
 * A record the audit cannot read (not Avro, an unknown schema id, a registry that lost the schema)
 * must not stop the audit of every other secret: it is logged with where to find it and skipped.
 * Kafka Streams instantiates this from {@code deserialization.exception.handler}.
 */
public class LogAndSkipUnreadableRecord implements DeserializationExceptionHandler {

    private static final Logger LOG = Logger.getLogger(LogAndSkipUnreadableRecord.class);

    @Override
    public DeserializationHandlerResponse handle(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
            Exception exception) {
        LOG.errorf(exception, "Skipped an unreadable record on topic %s, partition %d, offset %d: it is not in the audit."
                + " Inspect it with: kcat -C -t %s -p %d -o %d -c 1",
                context.topic(), context.partition(), context.offset(), context.topic(), context.partition(), context.offset());
        return DeserializationHandlerResponse.CONTINUE;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        // nothing to configure
    }
}
