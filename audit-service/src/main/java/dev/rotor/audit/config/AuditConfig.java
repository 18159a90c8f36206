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
}
