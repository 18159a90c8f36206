package dev.rotor.stack.bus;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;

/** How a client logs in to Rotor's bus: SASL/SCRAM-SHA-512 over the SASL_PLAINTEXT listener. */
public record BusLogin(String bootstrapServers, String principal, String password) {

    public static final String MECHANISM = "SCRAM-SHA-512";
    public static final String SECURITY_PROTOCOL = "SASL_PLAINTEXT";

    /** Client settings for a producer, consumer or admin; the password is only in the JAAS entry, which Kafka logs as [hidden]. */
    public Map<String, Object> clientSettings() {
        Map<String, Object> settings = new HashMap<>();
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        settings.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, SECURITY_PROTOCOL);
        settings.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
        settings.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfigOf(principal, password));
        return settings;
    }

    public static String jaasConfigOf(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
    }

    @Override
    public String toString() {
        return "BusLogin[" + principal + "@" + bootstrapServers + "]";
    }
}
