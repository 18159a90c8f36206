package dev.rotor.audit.config;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "rotor.audit")
public interface AuditConfig {

    /**
     * Handed as they are to the Avro serde's {@code configure()}: registry address and wire format.
     * A site with another registry changes these, not the code.
     */
    Map<String, String> serde();

    /**
     * How long an eventId is remembered, so that a step republished after a crash or redelivery is
     * audited once. Longer than any redelivery can lag behind the first delivery.
     */
    @WithDefault("P7D")
    Duration dedupeWindow();

    /** Deadline of a rotation whose RotationRequested names none, counted from the request. */
    @WithDefault("PT15M")
    Duration defaultDeadline();

    /**
     * How long a terminal event may wait for a step that must precede it: topics are read in no
     * guaranteed order, so a predecessor that arrives within this is reordering, not a finding.
     */
    @WithDefault("PT2M")
    Duration predecessorGrace();

    /** How often deadlines and grace periods are checked against the wall clock. */
    @WithDefault("PT30S")
    Duration completenessCheckInterval();

    /**
     * How often each task signs a checkpoint of its chain ends (when it wrote a record since the last):
     * records written after the latest checkpoint are the ones a truncation could remove unnoticed.
     */
    @WithDefault("PT1M")
    Duration checkpointInterval();

    /** Where in Vault KV v2 the chain key lives, and how long start-up waits for Vault to serve it. */
    ChainKeySettings chainKey();

    interface ChainKeySettings {

        @WithDefault("secret")
        String mount();

        /** Created by the first instance to start (check-and-set 0); read by every other. */
        @WithDefault("rotor/audit/chain-key")
        String path();

        /** How long start-up retries a Vault that does not answer (down, sealed, rate limiting) before the service gives up. */
        @WithDefault("PT2M")
        Duration startupWait();
    }

    /**
     * Kafka Streams' application id: the consumer group and the prefix of the internal topics and
     * stores. Instances with the same id share the work; a new id rebuilds every store from the topics.
     */
    @WithDefault("rotor-audit")
    String applicationId();

    /**
     * The host other instances reach this one's HTTP API at; with the HTTP port it becomes Kafka
     * Streams' {@code application.server}, which tells every instance who owns which key.
     */
    @WithDefault("127.0.0.1")
    String advertisedHost();

    /** How long a query waits for another instance's answer before it fails with 503. */
    @WithDefault("PT5S")
    Duration peerTimeout();
}
