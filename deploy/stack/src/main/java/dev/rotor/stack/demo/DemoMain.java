package dev.rotor.stack.demo;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ./rotor demo}: against a running stack (addresses from stack.env in the environment),
 * creates a few PostgreSQL roles and their store entries, registers them, rotates them, forces one
 * verification failure to show the rollback, and prints what happened.
 */
public final class DemoMain {

    private static final Duration ROTATION_TIMEOUT = Duration.ofSeconds(90);

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        DemoEnvironment env = DemoEnvironment.fromEnv();
        RotorApi api = new RotorApi(env);
        String run = Long.toString(Instant.now().getEpochSecond(), 36);

        List<DemoSecret> secrets = List.of(
                new DemoSecret("db/orders-app-" + run, "orders_app_" + run, env.pgDatabase(), "team-orders"),
                new DemoSecret("db/billing-app-" + run, "billing_app_" + run, env.pgDatabase(), "team-billing"),
                new DemoSecret("db/reporting-" + run, "reporting_" + run, env.pgDatabase(), "team-data"),
                // A role that may not CONNECT to its database: its password changes, verification fails, Rotor rolls back.
                new DemoSecret("db/legacy-app-" + run, "legacy_app_" + run, "legacy_" + run, "team-legacy"));

        System.out.println("Creating " + secrets.size() + " PostgreSQL roles, their store entries and registrations...");
        prepare(env, api, secrets);

        List<DemoReport.Row> rows = new ArrayList<>();
        for (DemoSecret secret : secrets) {
            int versionBefore = api.storeVersion(secret.secretId());
            String rotationId = api.requestRotation(secret.secretId(), "demo");
            System.out.println("  requested rotation " + rotationId + " of " + secret.secretId());
            var timeline = api.awaitTerminal(rotationId, ROTATION_TIMEOUT);
            rows.add(new DemoReport.Row(secret.secretId(), versionBefore, api.storeVersion(secret.secretId()), timeline));
        }
        DemoReport.print(rows, env);
    }

    private static void prepare(DemoEnvironment env, RotorApi api, List<DemoSecret> secrets) throws Exception {
        api.writeStoreEntry("admin/pg", env.pgUser(), env.pgPassword());
        try (Connection admin = DriverManager.getConnection(env.pgJdbcUrl(env.pgDatabase()), env.pgUser(), env.pgPassword());
             Statement st = admin.createStatement()) {
            for (DemoSecret secret : secrets) {
                String password = DemoPasswords.initial();
                st.execute("CREATE ROLE " + st.enquoteIdentifier(secret.role(), true) + " LOGIN PASSWORD " + st.enquoteLiteral(password));
                if (!secret.database().equals(env.pgDatabase())) {
                    st.execute("CREATE DATABASE " + st.enquoteIdentifier(secret.database(), true));
                    st.execute("REVOKE CONNECT ON DATABASE " + st.enquoteIdentifier(secret.database(), true) + " FROM PUBLIC");
                }
                api.writeStoreEntry(secret.secretId(), secret.role(), password);
                api.register(Map.of(
                        "id", secret.secretId(),
                        "class", "database",
                        "owner", secret.owner(),
                        "cadence", "P30D",
                        "store", Map.of("mount", "secret", "path", secret.secretId()),
                        "target", Map.of("type", "postgresql", "host", env.pgHost(), "port", env.pgPort(),
                                "database", secret.database(), "role", secret.role(), "adminSecret", "admin/pg")));
            }
        }
    }

    record DemoSecret(String secretId, String role, String database, String owner) {
    }
}
