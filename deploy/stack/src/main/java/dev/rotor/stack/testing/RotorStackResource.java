package dev.rotor.stack.testing;

import java.util.HashMap;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import dev.rotor.stack.PostgresSettings;
import dev.rotor.stack.bus.BusTable;

/**
 * Points a {@code @QuarkusTest} at the real stack: Kafka (with every principal's login), the registry, the Vault dev server and the token issuer
 * always, PostgreSQL when the resource is declared with {@code initArgs = @ResourceArg(name = "postgres", value = "true")}.
 * The components are shared with every other test in the JVM and outlive this resource.
 */
public class RotorStackResource implements QuarkusTestResourceLifecycleManager {

    private boolean withPostgres;

    @Override
    public void init(Map<String, String> initArgs) {
        withPostgres = Boolean.parseBoolean(initArgs.getOrDefault("postgres", "false"));
    }

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", RotorStack.kafka().bootstrapServers());
        // Each service logs in as its own principal (its %test profile picks its password), so its tests run under its ACLs.
        for (String principal : BusTable.standard().principals()) {
            config.put("rotor.test.kafka-password." + principal, RotorStack.kafka().login(principal).password());
        }
        config.put("mp.messaging.connector.smallrye-kafka.apicurio.registry.url", RotorStack.registry().apicurioApiUrl());
        config.putAll(RotorStack.tokenVerification());
        config.put("quarkus.vault.url", RotorStack.vault().address());
        config.put("quarkus.vault.authentication.client-token", RotorStack.vault().rootToken());
        if (withPostgres) {
            PostgresSettings pg = RotorStack.postgres().settings();
            config.put("rotor.test.pg.host", pg.host());
            config.put("rotor.test.pg.port", String.valueOf(pg.port()));
            config.put("rotor.test.pg.user", pg.user());
            config.put("rotor.test.pg.password", pg.password());
            config.put("rotor.test.pg.database", pg.database());
        }
        return config;
    }

    @Override
    public void stop() {
        // Shared with the rest of the JVM's tests; RotorStack stops everything at exit.
    }
}
