package dev.rotor.stack.demo;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Alternating users on PostgreSQL: two roles with the same grants take turns, each rotation changes the one the store
 * does not hold, and a client that keeps logging in with whatever the store holds should never be refused.
 */
final class AlternatingDemo {

    private final PostgresDemo postgres;
    private final RotorApi api;
    private final String run;

    AlternatingDemo(PostgresDemo postgres, RotorApi api, String run) {
        this.postgres = postgres;
        this.api = api;
        this.run = run;
    }

    record Outcome(List<DemoReport.Row> rotations, int logins, List<String> failures) {
    }

    Outcome rotate(int times, Duration timeout) throws Exception {
        String table = "demo_orders_" + run;
        DemoTarget.Login first = new DemoTarget.Login("orders_" + run + "_a", DemoPasswords.initial());
        DemoTarget.Login second = new DemoTarget.Login("orders_" + run + "_b", DemoPasswords.initial());
        postgres.createAccount(first);
        postgres.createAccount(second);
        // Equal grants: the rotator's pre-check refuses a pair whose grants differ, naming each difference.
        postgres.asAdmin("CREATE TABLE " + table + " (id int)",
                "GRANT SELECT ON " + table + " TO " + first.username() + ", " + second.username());
        String secretId = "db/orders-pair-" + run;
        api.manage(secretId, "database", "team-orders", postgres, first, "alternating-users", Map.of("alternateRole", second.username()));

        LoginLoop loop = new LoginLoop(secretId, "SELECT count(*) FROM " + table);
        Thread client = new Thread(loop, "demo-client");
        client.start();
        List<DemoReport.Row> rows = new ArrayList<>();
        try {
            for (int i = 0; i < times; i++) {
                int versionBefore = api.storeVersion(secretId);
                String rotationId = api.requestRotation(secretId);
                var timeline = api.awaitTerminal(rotationId, timeout);
                rows.add(new DemoReport.Row(secretId, versionBefore, api.storeVersion(secretId), timeline));
            }
        } finally {
            loop.stop();
            client.join();
        }
        return new Outcome(rows, loop.logins.get(), loop.failures);
    }

    /** An application that reads the secret from the store before every login, as one that reloads would. */
    private final class LoginLoop implements Runnable {

        private final String secretId;
        private final String query;
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicInteger logins = new AtomicInteger();
        private final List<String> failures = new ArrayList<>();

        LoginLoop(String secretId, String query) {
            this.secretId = secretId;
            this.query = query;
        }

        @Override
        public void run() {
            while (running.get()) {
                DemoTarget.Login current = null;
                try {
                    current = api.readStoreEntry(secretId);
                    try (Connection c = postgres.connect(current); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(query)) {
                        rs.next();
                    }
                    logins.incrementAndGet();
                } catch (Exception e) {
                    // The driver's message names the role, never the password.
                    synchronized (failures) {
                        failures.add((current == null ? "reading the store" : current.username()) + ": " + e.getMessage());
                    }
                }
            }
        }

        void stop() {
            running.set(false);
        }
    }
}
