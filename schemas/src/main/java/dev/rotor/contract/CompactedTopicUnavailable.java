package dev.rotor.contract;

/**
 * The broker or the schema registry did not answer while a {@link CompactedTopicView} read its topic: a retry may
 * succeed. Nothing was skipped; the next lookup reads again from where this one stopped.
 */
public class CompactedTopicUnavailable extends RuntimeException {

    CompactedTopicUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
