package dev.rotor.audit.backfill;

/** Kafka did not acknowledge every event of an import in time. */
public class BackfillNotPublishedException extends RuntimeException {

    BackfillNotPublishedException(Throwable cause) {
        super("Kafka did not acknowledge every backfilled event (" + cause.getMessage() + "): some may be published."
                + " Send the same file again once Kafka is reachable: a re-import publishes the same ids and changes nothing.", cause);
    }
}
