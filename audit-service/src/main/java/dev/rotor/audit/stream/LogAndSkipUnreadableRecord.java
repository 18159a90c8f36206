package dev.rotor.audit.stream;

import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.jboss.logging.Logger;

/**
 * The last line of defence: input topics are read as bytes and decoded inside the topology (unreadable
 * ones go to the DLQ, see RecordDecoder), so only a record of the audit's own repartition topic that
 * does not parse can reach this. It must not stop the audit of every other secret either: it is logged
 * with where to find it and skipped. Kafka Streams instantiates this from {@code deserialization.exception.handler}.
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
