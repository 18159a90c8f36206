package dev.rotor.scheduler.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.RotationEnded;
import dev.rotor.scheduler.domain.RotationEnded.Outcome;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.scheduler.domain.StoreLocation;
import dev.rotor.scheduler.policy.Cadence;
import dev.rotor.scheduler.policy.EffectivePolicy;
import dev.rotor.scheduler.policy.Exemption;
import dev.rotor.scheduler.policy.Limits;
import dev.rotor.scheduler.policy.Rollout;
import dev.rotor.scheduler.policy.RotationWindow;
import dev.rotor.scheduler.schedule.RetryBook.RetryPolicy;
import dev.rotor.scheduler.service.RotationLedger;
import dev.rotor.scheduler.service.SecretRegistry;
import dev.rotor.schema.RolloutWave;
import dev.rotor.schema.RotationReason;
import dev.rotor.stack.testing.MovableClock;
import dev.rotor.target.Strategy;
import dev.rotor.target.TargetSpec;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** The engine over in-memory collaborators, a clock the test moves, and a recording publisher: what the listeners would feed it. */
final class EngineFixture {

    static final Instant T0 = Instant.parse("2026-01-05T12:00:00Z");
    static final Duration DEADLINE = Duration.ofMinutes(15);
    static final Duration GRACE = Duration.ofMinutes(5);

    final MovableClock clock = new MovableClock(T0);
    final SecretRegistry registry = new SecretRegistry();
    final RotationLedger ledger = new RotationLedger(clock, DEADLINE, GRACE);
    final SecretStatuses statuses = new SecretStatuses();
    final FakePolicies policies = new FakePolicies();
    final FakeControls controls = new FakeControls();
    final RecordingPublisher published = new RecordingPublisher();
    final SavedWaves waves = new SavedWaves();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final SchedulingEngine engine = new SchedulingEngine(registry, ledger, statuses, policies, controls, published, waves,
            new EngineMetrics(meters), new RetryPolicy(Duration.ofSeconds(30), 2, 5), clock, () -> true);

    /** A secret of {@code secretClass} on {@code host}, registered {@code cadence} + {@code overdueBy} ago. */
    void register(String id, String secretClass, String host, Duration overdueBy) {
        registerUnder(null, id, secretClass, host, overdueBy);
    }

    /** The same, as re-published by the scheduler that applied {@code policyRevision}. */
    void registerUnder(String policyRevision, String id, String secretClass, String host, Duration overdueBy) {
        Duration cadence = Duration.ofDays(30);
        registry.put(new ManagedSecret(id, secretClass, "team", cadence, new StoreLocation("secret", id),
                new TargetSpec("postgresql", host, 5432, "role", "admin", Map.of("database", "app")), Strategy.SINGLE_USER, "test", clock.instant().minus(cadence).minus(overdueBy)),
                policyRevision);
        engine.secretChanged(id);
    }

    List<String> tick() {
        int before = published.requests.size();
        engine.tick();
        return published.requests.subList(before, published.requests.size()).stream().map(RotationRequest::secretId).toList();
    }

    void end(RotationRequest request, Outcome outcome, boolean retryable) {
        RotationEnded ended = new RotationEnded(request.rotationId(), request.secretId(), outcome, retryable, clock.instant());
        ledger.ended(ended);
        engine.ended(ended);
    }

    RotationRequest last(String secretId) {
        return published.requests.stream().filter(r -> r.secretId().equals(secretId)).reduce((a, b) -> b).orElseThrow();
    }

    static final class FakePolicies implements PolicySource {

        final Map<String, EffectivePolicy> byClass = new HashMap<>();
        Limits limits = Limits.NONE;
        String revision = "r1";
        final Set<String> read = new HashSet<>();

        void set(String secretClass, Duration jitter, List<RotationWindow> windows, Optional<Exemption> exemption, Rollout rollout,
                int classMax) {
            byClass.put(secretClass, new EffectivePolicy(null, secretClass, "team", Optional.empty(), Cadence.parse("P30D", ZoneOffset.UTC),
                    windows, jitter, exemption, false, rollout, classMax, 3, Optional.empty()));
            revision = revision + "+";
        }

        @Override
        public EffectivePolicy policyOf(ManagedSecret secret) {
            EffectivePolicy p = byClass.getOrDefault(secret.secretClass(), new EffectivePolicy(null, secret.secretClass(), "team",
                    Optional.empty(), new Cadence.Every("P30D", secret.cadence()), List.of(), Duration.ZERO, Optional.empty(), false,
                    Rollout.ALL_AT_ONCE, Integer.MAX_VALUE, 3, Optional.empty()));
            return new EffectivePolicy(secret.id(), p.secretClass(), p.owner(), p.contact(), p.cadence(), p.windows(), p.jitter(),
                    p.exemption(), p.emergencyNeedsApproval(), p.rollout(), p.classMaxConcurrent(), p.maxConsecutiveFailures(), Optional.empty());
        }

        @Override
        public Limits limits() {
            return limits;
        }

        @Override
        public String revision() {
            return revision;
        }

        @Override
        public boolean hasRead(String policyRevision) {
            return read.contains(policyRevision);
        }
    }

    static final class FakeControls implements PauseControls {

        final Map<String, String> pausedClasses = new HashMap<>();
        final Map<String, String> breakerClasses = new HashMap<>();
        final Map<String, String> pausedSecrets = new HashMap<>();

        @Override
        public Optional<String> pausedBecause(String secretId, String secretClass) {
            return Optional.ofNullable(pausedClasses.get(secretClass)).or(() -> Optional.ofNullable(breakerClasses.get(secretClass)))
                    .or(() -> Optional.ofNullable(pausedSecrets.get(secretId)));
        }

        @Override
        public boolean breakerOpen(String secretClass) {
            return breakerClasses.containsKey(secretClass);
        }

        @Override
        public void pauseClassByBreaker(String secretClass, String reason) {
            breakerClasses.put(secretClass, reason);
        }

        @Override
        public void pauseSecretAfterFailures(String secretId, String reason) {
            pausedSecrets.put(secretId, reason);
        }
    }

    /** rotation.rollout as every instance reads it back: the latest wave per class. */
    static final class SavedWaves implements RolloutStore {

        final Map<String, RolloutWave> byClass = new HashMap<>();

        @Override
        public void save(RolloutWave wave) {
            byClass.put(wave.getSecretClass(), wave);
        }

        @Override
        public Collection<RolloutWave> saved() {
            return List.copyOf(byClass.values());
        }
    }

    final class RecordingPublisher implements RequestPublisher {

        final List<RotationRequest> requests = new ArrayList<>();

        @Override
        public RotationRequest newRequest(String rotationId, String secretId, RotationReason reason, String initiator, int attempt,
                String approvedBy, String detail) {
            return new RotationRequest(rotationId, secretId, reason, initiator, clock.instant(), clock.instant().plus(DEADLINE), attempt,
                    approvedBy, detail, null);
        }

        @Override
        public RotationRequest publish(RotationRequest request) {
            requests.add(request);
            ledger.requested(request);
            return request;
        }
    }
}
