package dev.rotor.audit.service;

import org.apache.kafka.streams.KafkaStreams;

/** The pipeline is starting, restoring its stores or rebalancing: the answer will come, not yet. */
public class StoresNotReadyException extends RuntimeException {

    StoresNotReadyException(String store, KafkaStreams.State state, Throwable cause) {
        super("The audit store '" + store + "' is not queryable while the pipeline is " + state
                + "; retry in a few seconds (GET /q/health/ready says when it is up)", cause);
    }
}
