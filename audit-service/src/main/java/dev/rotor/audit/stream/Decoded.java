package dev.rotor.audit.stream;

/**
 * An input record read into its domain type, or, when it could not be, what the DLQ needs: the bytes
 * as they were, where they came from and why they were unreadable. Lives only between two processors
 * of one task, so it is never serialized.
 */
record Decoded<T>(T value, byte[] raw, String topic, int partition, long offset, String reason) {

    static <T> Decoded<T> readable(T value) {
        return new Decoded<>(value, null, null, -1, -1, null);
    }

    static <T> Decoded<T> unreadable(byte[] raw, String topic, int partition, long offset, String reason) {
        return new Decoded<>(null, raw, topic, partition, offset, reason);
    }

    boolean isReadable() {
        return value != null;
    }
}
