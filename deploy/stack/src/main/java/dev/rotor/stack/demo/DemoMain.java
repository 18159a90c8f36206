package dev.rotor.stack.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code ./rotor demo}: against a running stack (addresses from stack.env in the environment), sets up an account of
 * every target kind whose server it reaches (and says which it skipped and why), registers and rotates them, forces
 * one verification failure to show the rollback, and rotates an alternating PostgreSQL pair while a client keeps
 * logging in with whatever the store holds.
 */
public final class DemoMain {

    private static final Duration ROTATION_TIMEOUT = Duration.ofSeconds(90);
    private static final int ALTERNATING_ROTATIONS = 3;

    private DemoMain() {
    }

    public static void main(String[] args) throws Exception {
        DemoEnvironment env = DemoEnvironment.fromEnv();
        RotorApi api = new RotorApi(env, "demo");
        String run = Long.toString(Instant.now().getEpochSecond(), 36);
        PostgresDemo postgres = new PostgresDemo();

        List<String> secrets = new ArrayList<>();
        for (DemoTarget target : List.of(postgres, new MysqlDemo(), new RedisDemo(), new RabbitmqDemo(), new KafkaScramDemo(env, run))) {
            Optional<String> unavailable = target.unavailable();
            if (unavailable.isPresent()) {
                System.out.println("  skipped " + target.type() + ": " + unavailable.get());
                continue;
            }
            DemoTarget.Login account = new DemoTarget.Login("app_" + run, DemoPasswords.initial());
            target.createAccount(account);
            String secretClass = secretClass(target);
            String secretId = (secretClass.equals("database") ? "db" : secretClass) + "/" + target.type() + "-app-" + run;
            api.manage(secretId, secretClass, "team-" + target.type(), target, account, target.strategy(), Map.of());
            System.out.println("  " + target.type() + ": account " + account.username() + " registered as " + secretId
                    + " (" + target.strategy() + ")");
            secrets.add(secretId);
        }
        secrets.add(legacyRole(postgres, api, run));

        List<DemoReport.Row> rows = new ArrayList<>();
        for (String secretId : secrets) {
            rows.add(rotate(api, secretId));
        }
        DemoReport.print(rows);

        System.out.println();
        System.out.println("Alternating users: two PostgreSQL roles take turns; " + ALTERNATING_ROTATIONS
                + " rotations while a client logs in with whatever the store holds...");
        AlternatingDemo.Outcome alternating = new AlternatingDemo(postgres, api, run).rotate(ALTERNATING_ROTATIONS, ROTATION_TIMEOUT);
        DemoReport.print(alternating.rotations());
        System.out.println("  the client logged in " + alternating.logins() + " times, " + alternating.failures().size() + " refused"
                + (alternating.failures().isEmpty() ? "" : ": " + alternating.failures()));
        DemoReport.printNextSteps(rows.get(0).secretId(), env);
        if (!alternating.failures().isEmpty()) {
            throw new IllegalStateException("the client was refused during alternating-users rotations: " + alternating.failures());
        }
    }

    /** A role that may not CONNECT to its database: its password changes, verification fails, Rotor rolls back. */
    private static String legacyRole(PostgresDemo postgres, RotorApi api, String run) throws Exception {
        DemoTarget.Login role = new DemoTarget.Login("legacy_app_" + run, DemoPasswords.initial());
        String database = "legacy_" + run;
        postgres.createAccount(role);
        postgres.asAdmin("CREATE DATABASE " + database, "REVOKE CONNECT ON DATABASE " + database + " FROM PUBLIC");
        String secretId = "db/legacy-app-" + run;
        api.manage(secretId, "database", "team-legacy", postgres, role, "single-user", Map.of("database", database));
        System.out.println("  postgresql: role " + role.username() + " registered as " + secretId + ", without CONNECT on its database");
        return secretId;
    }

    private static DemoReport.Row rotate(RotorApi api, String secretId) throws Exception {
        int versionBefore = api.storeVersion(secretId);
        String rotationId = api.requestRotation(secretId);
        System.out.println("  requested rotation " + rotationId + " of " + secretId);
        var timeline = api.awaitTerminal(rotationId, ROTATION_TIMEOUT);
        return new DemoReport.Row(secretId, versionBefore, api.storeVersion(secretId), timeline);
    }

    /** The runbooks' secret classes (deploy/policies/rotation-matrix.yaml): databases, caches and brokers. */
    private static String secretClass(DemoTarget target) {
        return switch (target.type()) {
            case "postgresql", "mysql" -> "database";
            case "redis" -> "cache";
            default -> "broker";
        };
    }
}
