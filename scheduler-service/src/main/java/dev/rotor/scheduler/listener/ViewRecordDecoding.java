package dev.rotor.scheduler.listener;

import java.io.IOException;
import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.Headers;
import org.jboss.logging.Logger;

import io.apicurio.registry.rest.client.exception.RateLimitedClientException;
import io.apicurio.registry.rest.client.exception.RestClientException;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;

/**
 * How the view's channels decode values (value-deserialization-failure-handler). Two failures look alike to the connector
 * and must not be confused:
 * <ul>
 * <li>the schema registry could not be asked (not reachable, 5xx, rate limited): the record is fine, so decoding is retried
 * with backoff; past {@link #DEFAULT_BUDGET} the channel fails and the health checks report it, rather than read the record
 * as bad;</li>
 * <li>the bytes are not a record of the topic's schema: a bad record. The value becomes null with the connector's
 * deserialization-failure headers but without its early dead-letter flag, so that the record reaches its listener, which
 * counts it, marks its offset read and dead-letters it (UnreadableRecords), never taking it as a tombstone.</li>
 * </ul>
 */
@ApplicationScoped
@Identifier(ViewRecordDecoding.NAME)
class ViewRecordDecoding implements DeserializationFailureHandler<Object> {

    static final String NAME = "rotor-view-record-decoding";
    /** Under the consumer's max.poll.interval.ms (5 min): a poll blocked longer would cost the consumer its group membership. */
    static final Duration DEFAULT_BUDGET = Duration.ofMinutes(4);
    private static final Logger LOG = Logger.getLogger(ViewRecordDecoding.class);

    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration budget;

    @Inject
    ViewRecordDecoding() {
        this(Duration.ofSeconds(1), Duration.ofSeconds(30), DEFAULT_BUDGET);
    }

    ViewRecordDecoding(Duration firstBackoff, Duration maxBackoff, Duration budget) {
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.budget = budget;
    }

    @Override
    public Object decorateDeserialization(Uni<Object> deserialization, String topic, boolean isKey, String deserializer, byte[] data,
            Headers headers) {
        return deserialization
                .onFailure(failure -> !registryUnreachable(failure)).recoverWithItem(failure -> {
                    DeserializationFailureHandler.addFailureDetailsToHeaders(deserializer, topic, isKey, headers, data, failure);
                    if (headers != null) {
                        headers.remove(DESERIALIZATION_FAILURE_DLQ);
                    }
                    return null;
                })
                .onFailure().invoke(failure -> LOG.warnf("Could not ask the schema registry to decode a record of %s (%s); retrying,"
                        + " the view waits. Check that the registry is up (./rotor status)", topic, failure.getMessage()))
                .onFailure().retry().withBackOff(firstBackoff, maxBackoff).expireIn(budget.toMillis())
                .onFailure().transform(failure -> new KafkaException("The schema registry could not be asked for " + budget
                        + " while the scheduler read " + topic + ": its view stops here rather than take the record as bad. Restart"
                        + " the scheduler once the registry answers", failure))
                .await().indefinitely();
    }

    /** No answer, or an answer that says "not now": the record may be perfectly good. */
    static boolean registryUnreachable(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof RateLimitedClientException) {
                return true;
            }
            // The registry client reports a failed connection as an error without an HTTP status.
            if (cause instanceof RestClientException rest && rest.getError() != null
                    && (rest.getError().getErrorCode() == null || rest.getError().getErrorCode() >= 500)) {
                return true;
            }
        }
        return false;
    }
}
