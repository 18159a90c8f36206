package dev.rotor.rotator.listener;

/** With fail-on-deserialization-failure=false an undecodable record arrives as null: refuse it, so it goes to the DLQ. */
final class Payloads {

    private Payloads() {
    }

    static <T> T required(T payload, String channel) {
        if (payload == null) {
            throw new IllegalArgumentException("a record on channel " + channel
                    + " could not be deserialized as its Avro schema; it was sent to the dead-letter topic");
        }
        return payload;
    }
}
