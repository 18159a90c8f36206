package dev.rotor.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import dev.rotor.contract.Topics;
import dev.rotor.e2e.Rotations.ManagedRole;
import dev.rotor.stack.testing.RotorStack;

/**
 * Everyday faults against the services, the broker and Vault as processes: Vault SIGKILLed and sealed (503), the broker
 * and the target PostgreSQL SIGKILLed mid-batch, two of every service with one of each SIGKILLed half-way, a store write
 * racing a rotation, a record on secret.registry that is not a registration, and SIGKILLs at every protocol step on a
 * seeded schedule. After each, at quiescence (consumer lag zero, nothing staged — never a sleep): every request has
 * exactly one terminal event (I3), the store's value logs in (I2), the store moved one version per completed rotation
 * (I4), and no password — initial, generated, staged and rolled back, or the admin's — is in any topic or log (I1).
 */
class FaultToleranceIT extends EndToEndTest {

    private static final Duration QUIET = Duration.ofMinutes(4);
    /** Kills on the seeded schedule; a run's seed is printed, and -Drotor.faults.seed replays it. */
    private static final int KILLS = Integer.getInteger("rotor.faults.kills", 100);

    private static final List<String> PASSWORDS = new ArrayList<>();
    private static final Map<String, Integer> ROTATIONS_CHECKED = new LinkedHashMap<>();

    @Test
    void aBatchRidesOutTheStoreAnswering503For20Seconds() throws Exception {
        List<ManagedRole> roles = roles("sealed", 8);
        List<String> rotationIds = requestAll(roles);
        awaitAnyUpdated(rotationIds);

        RotorServices.vault().seal();
        try {
            faultLasts(Duration.ofSeconds(20));
        } finally {
            RotorServices.vault().unseal();
        }

        assertConsistent("vault 503 for 20 s", roles, rotationIds);
        assertThat(rotationIds).allSatisfy(id -> assertThat(log.terminalsOf(id)).containsExactly("RotationCompleted"));
    }

    @Test
    void twoOfEveryServiceShareABatchAndTheSurvivorsFinishWhatTheKilledOnesLeft() throws Exception {
        List<ServiceProcess> seconds = List.of(services.startAnother(RotorServices.ROTATOR, Map.of()),
                services.startAnother(RotorServices.VERIFIER, Map.of()),
                services.startAnother(RotorServices.SCHEDULER, Map.of()),
                services.startAnother(RotorServices.AUDIT, Map.of("ROTOR_AUDIT_STATE_DIR", Files.createTempDirectory("rotor-audit-second-").toString())));
        List<ServiceProcess> firsts = List.of(services.get(RotorServices.ROTATOR), services.get(RotorServices.VERIFIER),
                services.get(RotorServices.SCHEDULER), services.get(RotorServices.AUDIT));
        try {
            List<ManagedRole> roles = roles("two_of_each", 10);
            List<String> rotationIds = requestAll(roles);
            await().atMost(Duration.ofSeconds(90)).until(() -> rotationIds.stream().filter(id -> !log.terminalsOf(id).isEmpty()).count() >= 2);
            firsts.forEach(ServiceProcess::kill);

            assertConsistent("two of every service, one of each killed half-way", roles, rotationIds);
            String audit = seconds.get(3).url();
            for (String rotationId : rotationIds) {
                await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                        .until(() -> Fixtures.JSON.readTree(Fixtures.get(audit + "/api/rotations/" + rotationId).body()),
                                timeline -> "COMPLETED".equals(timeline.path("state").asText()) && !timeline.path("incomplete").asBoolean());
            }
        } finally {
            for (ServiceProcess first : firsts) {
                if (!first.isAlive()) {
                    first.start(Map.of());
                }
            }
            seconds.forEach(ServiceProcess::stop);
        }
    }

    @Test
    void aStoreWriteDuringARotationRollsTheTargetBackToWhatTheStoreHolds() throws Exception {
        ServiceProcess verifier = services.get(RotorServices.VERIFIER);
        ManagedRole role = rotations.newRole("cas_race");
        verifier.arm(KillPoint.VERIFIER_DURING_VERIFICATION.step);
        String rotationId = rotations.request(role.secretId());
        awaitLog(verifier, KillPoint.VERIFIER_DURING_VERIFICATION.logLine + rotationId);

        String written = "parallel-writer-" + UUID.randomUUID();
        PASSWORDS.add(written);
        Fixtures.writeKv(role.secretId(), Map.of("username", role.role(), "password", written));
        verifier.kill();
        verifier.start(Map.of());

        assertConsistent("a parallel store write before promote", List.of(role), List.of(rotationId), 1);
        assertThat(log.terminalsOf(rotationId)).containsExactly("RotationRolledBack");
        assertThat(role.storedPassword()).isEqualTo(written);
    }

    @Test
    void aRecordOnSecretRegistryThatIsNotARegistrationNeitherDeletesTheSecretNorStopsTheRotator() throws Exception {
        ManagedRole role = rotations.newRole("garbage_registry");
        RawTopics.publish(Topics.SECRET_REGISTRY, role.secretId().getBytes(StandardCharsets.UTF_8),
                "not-avro-at-all".getBytes(StandardCharsets.UTF_8));
        ServiceProcess rotator = services.get(RotorServices.ROTATOR);
        rotator.stop();
        rotator.start(Map.of());

        String rotationId = rotations.request(role.secretId());

        assertConsistent("garbage on secret.registry", List.of(role), List.of(rotationId));
        assertThat(log.terminalsOf(rotationId)).containsExactly("RotationCompleted");
    }

    @Test
    void aBatchRidesOutVaultKilledAndStartedAgain() throws Exception {
        aBatchRidesOut("vault", () -> RotorServices.vault().kill(), Duration.ofSeconds(8), () -> RotorServices.vault().start());
    }

    @Test
    void aBatchRidesOutTheTargetDatabaseKilledAndStartedAgain() throws Exception {
        aBatchRidesOut("target database", () -> RotorStack.postgres().kill(), Duration.ofSeconds(8), () -> RotorStack.postgres().startAgain());
    }

    @Test
    void aBatchRidesOutTheBrokerKilledAndStartedAgain() throws Exception {
        aBatchRidesOut("broker", () -> RotorServices.broker().kill(), Duration.ofSeconds(10), () -> RotorServices.broker().start());
    }

    interface Step {
        void run() throws Exception;
    }

    /** Six rotations; once the first has changed its target, {@code what} is SIGKILLed and started again {@code down} later. */
    private void aBatchRidesOut(String what, Step kill, Duration down, Step start) throws Exception {
        List<ManagedRole> roles = roles("outage", 6);
        List<String> rotationIds = requestAll(roles);
        awaitAnyUpdated(rotationIds);

        kill.run();
        try {
            faultLasts(down);
        } finally {
            start.run();
        }

        assertConsistent(what + " SIGKILLed, down for " + down.toSeconds() + " s", roles, rotationIds);
    }

    /**
     * SIGKILLs at every protocol step on a seeded random schedule that visits every step at least once: the running
     * service is armed at the step, SIGKILLed once a new rotation paused there, started again unarmed, and the
     * rotation recovers before the next kill; everything is checked at the end, at quiescence.
     */
    @Test
    void servicesKilledAtEveryProtocolStepOnASeededSchedule() throws Exception {
        long seed = Long.getLong("rotor.faults.seed", System.nanoTime());
        System.out.printf("FaultToleranceIT: %d kills, seed %d (replay with -Drotor.faults.seed=%d)%n", KILLS, seed, seed);
        String lockedDatabase = "e2e_faults_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        Fixtures.execAsAdmin("CREATE DATABASE " + lockedDatabase);
        Fixtures.execAsAdmin("REVOKE CONNECT ON DATABASE " + lockedDatabase + " FROM PUBLIC");
        Map<String, ManagedRole> roleOf = new LinkedHashMap<>();
        Map<String, KillPoint> pointOf = new HashMap<>();
        ServiceProcess armed = null;
        try {
            for (KillPoint point : KillPoint.schedule(KILLS, new Random(seed))) {
                ServiceProcess service = services.get(point.service);
                ManagedRole role = point.rollsBack
                        ? rotations.newRole("db", "kill_" + point.name().toLowerCase(), lockedDatabase)
                        : rotations.newRole("kill_" + point.name().toLowerCase());
                armed = service;
                service.arm(point.step);
                String rotationId = rotations.request(role.secretId());
                roleOf.put(rotationId, role);
                pointOf.put(rotationId, point);
                // A service that handles one event at a time may first pause on an older one it reads again: a kill there counts too.
                awaitLog(service, point.concurrent ? point.logLine + rotationId : point.logLine);
                role.stagedPassword().ifPresent(PASSWORDS::add);
                service.kill();
                service.start(Map.of());
                armed = null;
                // Recovered before the next kill is armed, so that rotations paused at failpoints never pile up.
                await().atMost(Duration.ofSeconds(90)).until(() -> !log.terminalsOf(rotationId).isEmpty());
            }
        } finally {
            // Whatever happened, no service stays armed or paused at a failpoint for the tests that follow.
            if (armed != null) {
                armed.kill();
                armed.start(Map.of());
            }
        }

        assertConsistent("seeded kills (seed " + seed + ")", List.copyOf(roleOf.values()), List.copyOf(roleOf.keySet()));
        for (var rotation : roleOf.entrySet()) {
            KillPoint point = pointOf.get(rotation.getKey());
            ManagedRole role = rotation.getValue();
            assertThat(log.terminalsOf(rotation.getKey())).as("a rotation killed at %s, seed %d", point, seed)
                    .containsExactly(point.rollsBack ? "RotationRolledBack" : "RotationCompleted");
            assertThat(role.storedPassword().equals(role.initialPassword())).as("the store of a rotation killed at %s, seed %d", point, seed)
                    .isEqualTo(point.rollsBack);
            assertThat(Fixtures.logsIn(role.role(), role.initialPassword())).as("the old password after a kill at %s, seed %d", point, seed)
                    .isEqualTo(point.rollsBack);
        }
    }

    /** Where a service is SIGKILLed, reached through its failpoint. */
    enum KillPoint {
        ROTATOR_AFTER_STAGE(RotorServices.ROTATOR, "AFTER_STAGE", false, true),
        ROTATOR_AFTER_SET(RotorServices.ROTATOR, "AFTER_SET", false, true),
        ROTATOR_BEFORE_PROMOTE(RotorServices.ROTATOR, "BEFORE_PROMOTE", false, true),
        ROTATOR_AFTER_PROMOTE(RotorServices.ROTATOR, "AFTER_PROMOTE", false, true),
        ROTATOR_DURING_ROLLBACK(RotorServices.ROTATOR, "DURING_ROLLBACK", true, true),
        VERIFIER_DURING_VERIFICATION(RotorServices.VERIFIER, "DURING_VERIFICATION", false, true),
        // The scheduler handles verification failures one at a time: a rotation paused there would hold up the next.
        SCHEDULER_BEFORE_ROLLBACK_REQUEST(RotorServices.SCHEDULER, "BEFORE_ROLLBACK_REQUEST", true, false);

        final String service;
        final String step;
        final String logLine;
        final boolean rollsBack;
        /** Whether the service handles other events while one is paused here (else it may pause on an older one first). */
        final boolean concurrent;

        KillPoint(String service, String step, boolean rollsBack, boolean concurrent) {
            this.service = service;
            this.step = step;
            this.rollsBack = rollsBack;
            this.concurrent = concurrent;
            String kind = service.substring(0, service.indexOf('-'));
            this.logLine = service.equals(RotorServices.VERIFIER)
                    ? "rotor-failpoint: verifier paused during verification rotation="
                    : "rotor-failpoint: " + kind + " paused at " + step + " rotation=";
        }

        /** {@code kills} points: every point once in a random order, then random ones. */
        static List<KillPoint> schedule(int kills, Random random) {
            List<KillPoint> schedule = new ArrayList<>(List.of(values()));
            Collections.shuffle(schedule, random);
            while (schedule.size() < kills) {
                schedule.add(values()[random.nextInt(values().length)]);
            }
            return schedule.subList(0, Math.max(kills, 0));
        }
    }

    @AfterAll
    static void noPasswordLeakedInAnyScenario() throws Exception {
        System.out.printf("FaultToleranceIT: rotations checked per scenario %s%n", ROTATIONS_CHECKED);
        LeakScan.assertNowhere(PASSWORDS, services.all());
    }

    private List<ManagedRole> roles(String prefix, int count) throws Exception {
        List<ManagedRole> roles = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            roles.add(rotations.newRole(prefix));
        }
        return roles;
    }

    private List<String> requestAll(List<ManagedRole> roles) throws Exception {
        List<String> rotationIds = new ArrayList<>();
        for (ManagedRole role : roles) {
            rotationIds.add(rotations.request(role.secretId()));
        }
        return rotationIds;
    }

    /** I2, I3 and I4 at quiescence, for the roles of a scenario and the rotations requested in it. */
    private void assertConsistent(String scenario, List<ManagedRole> roles, List<String> rotationIds) throws Exception {
        assertConsistent(scenario, roles, rotationIds, 0);
    }

    /** {@code writesOutsideRotor}: store versions each role gained from a writer other than the rotator. */
    private void assertConsistent(String scenario, List<ManagedRole> roles, List<String> rotationIds, int writesOutsideRotor)
            throws Exception {
        Set<String> secretIds = new HashSet<>(roles.stream().map(ManagedRole::secretId).toList());
        Quiescence.await(secretIds, QUIET);
        log.awaitCaughtUp();
        for (String rotationId : rotationIds) {
            assertThat(log.terminalsOf(rotationId)).as("%s: I3, terminal events of %s (%s)", scenario, rotationId, log.typesOf(rotationId))
                    .hasSize(1);
        }
        for (ManagedRole role : roles) {
            PASSWORDS.add(role.initialPassword());
            PASSWORDS.add(role.storedPassword());
            assertThat(Fixtures.logsIn(role.role(), role.storedPassword())).as("%s: I2, the store's value of %s logs in", scenario,
                    role.secretId()).isTrue();
            long completed = log.all().stream()
                    .filter(e -> e.getSchema().getName().equals("RotationCompleted"))
                    .filter(e -> role.secretId().equals(String.valueOf(e.get(e.getSchema().getField("secretId").pos()))))
                    .map(e -> String.valueOf(e.get(e.getSchema().getField("eventId").pos())))
                    .distinct()
                    .count();
            assertThat(role.storedVersion() - 1 - writesOutsideRotor).as("%s: I4, one store version per completed rotation of %s", scenario, role.secretId())
                    .isEqualTo(completed);
        }
        ROTATIONS_CHECKED.merge(scenario.replaceAll(" \\d+/\\d+.*", ""), rotationIds.size(), Integer::sum);
    }

    private static void awaitAnyUpdated(List<String> rotationIds) {
        await().atMost(Duration.ofSeconds(60)).until(() -> rotationIds.stream().anyMatch(id -> log.typesOf(id).contains("SecretUpdated")));
    }

    /** How long an outage lasts is the scenario itself, not a wait for something to happen. */
    private static void faultLasts(Duration outage) {
        await().pollDelay(outage).atMost(outage.plusSeconds(1)).until(() -> true);
    }

    private static void awaitLog(ServiceProcess service, String line) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> service.logContains(line));
    }
}
