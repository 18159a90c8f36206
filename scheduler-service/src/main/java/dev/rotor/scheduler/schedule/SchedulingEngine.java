package dev.rotor.scheduler.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.jboss.logging.Logger;

import dev.rotor.scheduler.domain.ManagedSecret;
import dev.rotor.scheduler.domain.RotationEnded;
import dev.rotor.scheduler.domain.RotationRequest;
import dev.rotor.scheduler.policy.EffectivePolicy;
import dev.rotor.scheduler.policy.Exemption;
import dev.rotor.scheduler.policy.RotationWindow;
import dev.rotor.scheduler.schedule.PlanEntry.State;
import dev.rotor.scheduler.schedule.RetryBook.Retry;
import dev.rotor.scheduler.schedule.RetryBook.RetryPolicy;
import dev.rotor.scheduler.service.RotationLedger;
import dev.rotor.scheduler.service.SecretRegistry;
import dev.rotor.schema.RolloutWave;
import dev.rotor.schema.RotationReason;

/**
 * Decides which rotations start: scheduled ones when due (inside a window, after their jitter,
 * within the concurrency limits, canary first), retries after a backoff, and pauses when a class's
 * breaker trips or a secret keeps failing. Listeners feed it what happened; the leader calls
 * {@link #tick()}; {@link #plan(Duration)} shows the same decisions without acting on them.
 */
public class SchedulingEngine {

    static final String SCHEDULER = "scheduler";
    private static final Logger LOG = Logger.getLogger(SchedulingEngine.class);

    private final SecretRegistry registry;
    private final RotationLedger ledger;
    private final SecretStatuses statuses;
    private final PolicySource policies;
    private final PauseControls controls;
    private final RequestPublisher publisher;
    private final RolloutStore rollouts;
    private final EngineMetrics metrics;
    private final RetryPolicy retryPolicy;
    private final Clock clock;
    private final BooleanSupplier viewCaughtUp;

    private final DueIndex index = new DueIndex();
    private final RetryBook retries = new RetryBook();
    private final FailureStreaks streaks = new FailureStreaks();
    private final Map<String, ClassRollout> waves = new HashMap<>();
    /** The wave of each class as this leader last saved it to rotation.rollout (or took it over from there). */
    private final Map<String, RolloutWave> savedWaves = new HashMap<>();
    /** False on a standby: the waves in memory are then stale, and the next lead takes them over from rotation.rollout. */
    private boolean leading;
    /**
     * Per secret, the last rotation of the run of failures its last auto-pause acted on: a tick does not pause the same run
     * twice. One entry per secret ever auto-paused, not one per run.
     */
    private final Map<String, String> autoPausedRuns = new HashMap<>();
    private volatile String policyRevision;

    public SchedulingEngine(SecretRegistry registry, RotationLedger ledger, SecretStatuses statuses, PolicySource policies,
            PauseControls controls, RequestPublisher publisher, RolloutStore rollouts, EngineMetrics metrics, RetryPolicy retryPolicy,
            Clock clock, BooleanSupplier viewCaughtUp) {
        this.registry = registry;
        this.ledger = ledger;
        this.statuses = statuses;
        this.policies = policies;
        this.controls = controls;
        this.publisher = publisher;
        this.rollouts = rollouts;
        this.metrics = metrics;
        this.retryPolicy = retryPolicy;
        this.clock = clock;
        this.viewCaughtUp = viewCaughtUp;
    }

    // --- what happened (from the listeners, on their threads) -------------------------------------

    /** A registration, re-registration or removal, or a new secret.status of the secret. */
    public void secretChanged(String secretId) {
        index.touch(secretId);
    }

    public void requested(RotationRequest request) {
        retries.requested(request);
    }

    public void ended(RotationEnded ended) {
        retries.ended(ended);
        streaks.ended(ended);
        synchronized (waves) {
            index.find(ended.secretId()).map(SecretSchedule::secretClass).map(waves::get)
                    .ifPresent(wave -> wave.ended(ended, index.find(ended.secretId()).orElseThrow().policy().rollout()));
        }
        index.touch(ended.secretId());
    }

    /** An operator resumed the secret: its run of failures no longer counts. */
    public void secretResumed(String secretId, Instant at) {
        streaks.resumed(secretId, at);
        metrics.autoPaused(secretId, false);
        index.touch(secretId);
    }

    // --- deciding ---------------------------------------------------------------------------------

    /**
     * This instance does not lead (any more): another may move the waves on, so those in memory are
     * dropped, and the next {@link #tick()} takes them over from rotation.rollout.
     */
    public synchronized void standBy() {
        if (leading) {
            leading = false;
            synchronized (waves) {
                waves.clear();
                savedWaves.clear();
            }
        }
    }

    /** One pass: breaker and failure pauses, retries, then the due rotations. Returns how many requests it published. */
    public synchronized int tick() {
        Instant now = clock.instant();
        refresh();
        if (!leading) {
            takeOverWaves();
            leading = true;
        }
        tripBreakers();
        pauseFailingSecrets();
        Capacity capacity = capacityInFlight();
        int published = publishRetries(now, capacity);
        List<SecretSchedule> eligible = index.eligibleAt(now);
        advanceWaves(eligible);
        for (SecretSchedule entry : eligible) {
            Decision decision = decide(entry, now, capacity, true);
            if (decision.state() == State.OVERDUE) {
                if (publishScheduled(entry, decision)) {
                    capacity.add(entry.secretClass(), entry.targetHost());
                    published++;
                }
            }
        }
        saveWaves();
        return published;
    }

    /** Per secret expected to rotate within {@code window}, or held back: when and why. Emits nothing. */
    public synchronized List<PlanEntry> plan(Duration window) {
        Instant now = clock.instant();
        Instant horizon = now.plus(window);
        refresh();
        Capacity capacity = capacityInFlight();
        List<PlanEntry> plan = new ArrayList<>();
        for (Retry retry : retries.owed(retryPolicy, viewCaughtUp.getAsBoolean())) {
            if (!retry.notBefore().isAfter(horizon)) {
                SecretSchedule entry = index.find(retry.secretId()).orElse(null);
                plan.add(new PlanEntry(retry.secretId(), entry == null ? null : entry.secretClass(), State.RETRY, null,
                        later(retry.notBefore(), now), "attempt " + retry.attempt() + " of " + retryPolicy.maxAttempts()
                                + " after rotation " + retry.failedRotationId() + " failed"));
            }
        }
        Map<String, Integer> startsByClass = new HashMap<>();
        for (SecretSchedule entry : index.eligibleAt(horizon)) {
            if (entry.eligibleAt().isAfter(now)) {
                plan.add(upcoming(entry));
                continue;
            }
            Decision decision = decide(entry, now, capacity, false);
            if (decision.state() == State.OVERDUE) {
                // As the tick would: its starts count against the limits and the cohort of the entries after it.
                ClassRollout wave = waves.get(entry.secretClass());
                int room = wave == null ? cohortSize(entry) : wave.room();
                if (startsByClass.merge(entry.secretClass(), 1, Integer::sum) > room) {
                    String cohort = wave == null && entry.policy().rollout().canary() > 0 ? "the canary" : "this batch";
                    decision = new Decision(State.WAITING_FOR_COHORT, null, "waiting for " + cohort + " of class "
                            + entry.secretClass() + " to end; " + entry.dueBecause());
                } else {
                    capacity.add(entry.secretClass(), entry.targetHost());
                }
            }
            plan.add(new PlanEntry(entry.id(), entry.secretClass(), decision.state(), entry.dueAt(), decision.at(), decision.why()));
        }
        plan.sort(Comparator.comparing(PlanEntry::secretId));
        return plan;
    }

    /** When the secret is due under the policy in force, jitter and windows aside. */
    public Instant dueAt(ManagedSecret secret) {
        Instant since = latest(statuses.lastSuccess(secret.id()), ledger.activity(secret.id()).lastCompletedAt())
                .orElse(secret.registeredAt());
        return policies.policyOf(secret).cadence().nextDue(since);
    }

    /** How many secrets the index holds, for the benchmark and the logs. */
    public int indexed() {
        return index.size();
    }

    private record Decision(State state, Instant at, String why) {
    }

    /** The tick's question for one eligible secret; {@code joinWave} when the tick acts on a start (the plan does not). */
    private Decision decide(SecretSchedule entry, Instant now, Capacity capacity, boolean joinWave) {
        EffectivePolicy policy = entry.policy();
        Optional<String> paused = controls.pausedBecause(entry.id(), entry.secretClass());
        if (paused.isPresent()) {
            return new Decision(State.PAUSED, null, paused.get() + "; " + entry.dueBecause());
        }
        Optional<Exemption> exemption = policy.exemption().filter(e -> e.until().isAfter(now));
        if (exemption.isPresent()) {
            return new Decision(State.EXEMPT, exemption.get().until(), "exempt until " + exemption.get().until() + ": "
                    + exemption.get().reason() + "; " + entry.dueBecause());
        }
        Optional<String> inFlight = ledger.activity(entry.id()).inFlightRotationId();
        if (inFlight.isPresent()) {
            return new Decision(State.IN_FLIGHT, null, "rotation " + inFlight.get() + " in flight; " + entry.dueBecause());
        }
        if (!insideWindow(policy.windows(), now)) {
            Instant opening = nextOpening(policy.windows(), now);
            return new Decision(State.OUTSIDE_WINDOW, opening, "outside its windows, next opening " + opening + "; "
                    + entry.dueBecause());
        }
        Optional<String> wait = joinWave ? waveOf(entry).mustWait() : Optional.ofNullable(waves.get(entry.secretClass()))
                .flatMap(ClassRollout::mustWait);
        if (wait.isPresent()) {
            return new Decision(State.WAITING_FOR_COHORT, null, wait.get() + "; " + entry.dueBecause());
        }
        Optional<String> limit = capacity.exceeded(entry.secretClass(), entry.targetHost(), policy.classMaxConcurrent());
        if (limit.isPresent()) {
            return new Decision(State.LIMITED, null, "limited by concurrency (" + limit.get() + "); " + entry.dueBecause());
        }
        return new Decision(State.OVERDUE, now, entry.dueBecause());
    }

    private PlanEntry upcoming(SecretSchedule entry) {
        EffectivePolicy policy = entry.policy();
        Instant at = entry.eligibleAt();
        Optional<String> paused = controls.pausedBecause(entry.id(), entry.secretClass());
        if (paused.isPresent()) {
            return new PlanEntry(entry.id(), entry.secretClass(), State.PAUSED, entry.dueAt(), null, paused.get() + "; "
                    + entry.dueBecause());
        }
        Optional<Exemption> exemption = policy.exemption().filter(e -> e.until().isAfter(at));
        if (exemption.isPresent()) {
            return new PlanEntry(entry.id(), entry.secretClass(), State.EXEMPT, entry.dueAt(), exemption.get().until(),
                    "exempt until " + exemption.get().until() + ": " + exemption.get().reason() + "; " + entry.dueBecause());
        }
        Instant opening = nextOpening(policy.windows(), at);
        String jitter = at.equals(entry.dueAt()) ? "" : ", jitter " + Duration.between(entry.dueAt(), at);
        return new PlanEntry(entry.id(), entry.secretClass(), State.DUE, entry.dueAt(), opening, entry.dueBecause() + jitter
                + (opening.equals(at) ? "" : ", outside its windows until " + opening));
    }

    private boolean publishScheduled(SecretSchedule entry, Decision decision) {
        int failuresInARow = streaks.failuresInARow(entry.id());
        String rotationId = ScheduledRotationIds.scheduled(entry.id(), entry.dueAt(), streaks.failuresSinceSuccess(entry.id()));
        if (ledger.knows(entry.id(), rotationId)) {
            return false;
        }
        ClassRollout wave = waveOf(entry);
        String cohort = wave.join(rotationId, entry.id());
        String detail = "due: " + decision.why() + (failuresInARow > 0 ? ", after " + failuresInARow + " failed" : "") + "; " + cohort;
        try {
            publisher.publish(publisher.newRequest(rotationId, entry.id(), RotationReason.SCHEDULED, SCHEDULER, 1, null, detail));
            LOG.infof("Requested scheduled rotation %s of %s: %s", rotationId, entry.id(), detail);
            return true;
        } catch (RuntimeException e) {
            // The next tick tries again (same id); the other due secrets should not wait for this one.
            LOG.errorf(e, "Could not publish the scheduled rotation of %s to rotation.requested; retrying at the next tick", entry.id());
            return false;
        }
    }

    private int publishRetries(Instant now, Capacity capacity) {
        int published = 0;
        for (Retry retry : retries.owed(retryPolicy, viewCaughtUp.getAsBoolean())) {
            Optional<ManagedSecret> secret = registry.find(retry.secretId());
            SecretSchedule entry = index.find(retry.secretId()).orElse(null);
            if (secret.isEmpty() || entry == null || retry.attempt() > retryPolicy.maxAttempts() || ledger.knows(retry.secretId(),
                    retry.rotationId())) {
                if (retry.attempt() > retryPolicy.maxAttempts()) {
                    LOG.warnf("Rotation %s of %s failed at attempt %d of %d: no further retry", retry.failedRotationId(),
                            retry.secretId(), retry.attempt() - 1, retryPolicy.maxAttempts());
                }
                retries.settle(retry.secretId());
                continue;
            }
            Optional<String> paused = controls.pausedBecause(retry.secretId(), entry.secretClass());
            if (paused.isPresent()) {
                LOG.infof("Not retrying rotation %s of %s: %s", retry.failedRotationId(), retry.secretId(), paused.get());
                retries.settle(retry.secretId());
                continue;
            }
            if (retry.notBefore().isAfter(now) || ledger.activity(retry.secretId()).inFlightRotationId().isPresent()
                    || capacity.exceeded(entry.secretClass(), entry.targetHost(), entry.policy().classMaxConcurrent()).isPresent()) {
                continue;
            }
            String detail = "retry: attempt " + retry.attempt() + " of " + retryPolicy.maxAttempts() + " after rotation "
                    + retry.failedRotationId() + " failed with a transient cause (backoff "
                    + retryPolicy.backoffAfter(retry.attempt() - 1) + ")";
            try {
                RotationRequest request = publisher.publish(publisher.newRequest(retry.rotationId(), retry.secretId(), RotationReason.RETRY,
                        SCHEDULER, retry.attempt(), null, detail));
                retries.requested(request);
                capacity.add(entry.secretClass(), entry.targetHost());
                published++;
                LOG.infof("Requested retry %s of %s: %s", retry.rotationId(), retry.secretId(), detail);
            } catch (RuntimeException e) {
                LOG.errorf(e, "Could not publish the retry of rotation %s of %s; retrying at the next tick", retry.failedRotationId(),
                        retry.secretId());
            }
        }
        return published;
    }

    private void tripBreakers() {
        synchronized (waves) {
            waves.forEach((secretClass, wave) -> wave.newTrip().ifPresent(reason -> {
                LOG.warnf("Circuit breaker of class %s tripped: %s", secretClass, reason);
                controls.pauseClassByBreaker(secretClass, reason + "; resume the class once the cause is fixed");
                metrics.breakerOpen(secretClass, true);
            }));
            waves.entrySet().removeIf(e -> e.getValue().tripped() && !controls.breakerOpen(e.getKey()));
            for (String secretClass : metrics.classesWithBreakerGauge()) {
                metrics.breakerOpen(secretClass, controls.breakerOpen(secretClass));
            }
        }
    }

    private void pauseFailingSecrets() {
        for (Map.Entry<String, FailureStreaks.Streak> run : streaks.all()) {
            String secretId = run.getKey();
            FailureStreaks.Streak streak = run.getValue();
            Optional<SecretSchedule> entry = index.find(secretId);
            if (entry.isEmpty() || streak.failures() < entry.get().policy().maxConsecutiveFailures()
                    || streak.lastRotationId().equals(autoPausedRuns.get(secretId))) {
                continue;
            }
            if (controls.pausedBecause(secretId, entry.get().secretClass()).isEmpty()) {
                String reason = streak.failures() + " rotations in a row failed, the last " + streak.lastRotationId() + " at "
                        + streak.lastFailureAt() + "; automatic rotations stop until an operator resumes the secret";
                LOG.warnf("Pausing %s: %s", secretId, reason);
                controls.pauseSecretAfterFailures(secretId, reason);
                metrics.autoPaused(secretId, true);
            }
            retries.settle(secretId);
            autoPausedRuns.put(secretId, streak.lastRotationId());
        }
    }

    /**
     * A wave whose cohort has ended ends if nothing of its class is due. If the class still has due
     * secrets, they join the cohort while it has room, and start the next batch once it is done.
     */
    private void advanceWaves(List<SecretSchedule> eligible) {
        Set<String> classesDue = new HashSet<>();
        eligible.forEach(entry -> classesDue.add(entry.secretClass()));
        synchronized (waves) {
            // A wave of a class rotated all at once carries nothing over: the next follows the rollout then in force.
            waves.entrySet().removeIf(e -> e.getValue().cohortEnded() && !e.getValue().tripped()
                    && (!classesDue.contains(e.getKey()) || !e.getValue().bounded()));
            waves.forEach((secretClass, wave) -> {
                if (wave.cohortDone()) {
                    eligible.stream().filter(entry -> entry.secretClass().equals(secretClass)).findFirst()
                            .ifPresent(entry -> wave.nextCohort(entry.policy().rollout()));
                }
            });
        }
    }

    private ClassRollout waveOf(SecretSchedule entry) {
        synchronized (waves) {
            return waves.computeIfAbsent(entry.secretClass(), c -> ClassRollout.start(c, entry.policy().rollout(),
                    clock.instant().truncatedTo(ChronoUnit.MILLIS)));
        }
    }

    /**
     * The waves as the last leader saved them, settled with the ends read since: a failover continues
     * a class's cohort rather than starting another canary cohort, and a canary that failed while no
     * one led still trips the breaker.
     */
    private void takeOverWaves() {
        synchronized (waves) {
            waves.clear();
            savedWaves.clear();
            for (RolloutWave saved : rollouts.saved()) {
                savedWaves.put(saved.getSecretClass(), saved);
                if (saved.getOver()) {
                    continue;
                }
                ClassRollout wave = ClassRollout.restore(saved);
                wave.openMembers().forEach((rotationId, secretId) -> ledger.endOf(secretId, rotationId)
                        .ifPresent(end -> index.find(secretId).ifPresent(entry -> wave.ended(end, entry.policy().rollout()))));
                waves.put(saved.getSecretClass(), wave);
                LOG.infof("Took over the wave of class %s: %s %d/%d, %d still in flight", saved.getSecretClass(), wave.cohortName(),
                        saved.getMembers().size(), saved.getCohortSize(), wave.openMembers().size());
            }
        }
    }

    /** Each wave that changed since it was last saved, and as over each one that ended. A failed save is tried again next tick. */
    private void saveWaves() {
        synchronized (waves) {
            Map<String, RolloutWave> current = new HashMap<>();
            waves.forEach((secretClass, wave) -> {
                if (wave.bounded()) {
                    current.put(secretClass, wave.snapshot(false));
                }
            });
            savedWaves.forEach((secretClass, last) -> {
                if (!last.getOver() && !current.containsKey(secretClass)) {
                    current.put(secretClass, RolloutWave.newBuilder(last).setOver(true).build());
                }
            });
            current.forEach((secretClass, wave) -> {
                if (wave.equals(savedWaves.get(secretClass))) {
                    return;
                }
                try {
                    rollouts.save(wave);
                    savedWaves.put(secretClass, wave);
                } catch (RuntimeException e) {
                    LOG.warnf(e, "Could not save the wave of class %s to rotation.rollout; trying again at the next tick", secretClass);
                }
            });
        }
    }

    private static int cohortSize(SecretSchedule entry) {
        int canary = entry.policy().rollout().canary();
        return canary > 0 ? canary : entry.policy().rollout().batchSize();
    }

    private Capacity capacityInFlight() {
        Capacity capacity = new Capacity(policies.limits());
        for (String secretId : ledger.secretsInFlight()) {
            index.find(secretId).ifPresent(entry -> capacity.add(entry.secretClass(), entry.targetHost()));
        }
        return capacity;
    }

    private void refresh() {
        String revision = policies.revision();
        if (!Objects.equals(revision, policyRevision)) {
            policyRevision = revision;
            index.touchAll();
        }
        int recomputed = index.refresh(this::schedule, registry.ids());
        if (recomputed > 0) {
            LOG.debugf("Recomputed the schedule of %d secrets", recomputed);
        }
    }

    /**
     * A secret's schedule from its registration, policy, last success (audit's or the ledger's, whichever
     * is later) and failures; none while its registration names a policy revision not read yet.
     */
    private Optional<SecretSchedule> schedule(String secretId) {
        Optional<ManagedSecret> found = registry.find(secretId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> unread = registry.policyRevision(secretId).filter(revision -> !policies.hasRead(revision));
        if (unread.isPresent()) {
            // The registration was re-published for a policy whose PolicyApplied (another topic) has not
            // arrived yet: scheduling it now would follow the registration alone, without rollout or limits.
            LOG.debugf("%s waits for policy revision %s", secretId, unread.get());
            return Optional.empty();
        }
        ManagedSecret secret = found.get();
        EffectivePolicy policy = policies.policyOf(secret);
        Optional<Instant> lastSuccess = latest(statuses.lastSuccess(secretId), ledger.activity(secretId).lastCompletedAt());
        Instant since = lastSuccess.orElse(secret.registeredAt());
        Instant dueAt = policy.cadence().nextDue(since);
        Instant eligibleAt = dueAt.plus(Jitter.delay(secretId, dueAt, policy.jitter()));
        int failures = streaks.failuresInARow(secretId);
        if (failures > 0) {
            // A failed scheduled rotation is not requested again at once: the same backoff as retries.
            Instant afterBackoff = streaks.lastFailureAt(secretId).orElseThrow().plus(retryPolicy.backoffAfter(failures));
            eligibleAt = afterBackoff.isAfter(eligibleAt) ? afterBackoff : eligibleAt;
        }
        return Optional.of(new SecretSchedule(secret, policy, since, lastSuccess.isPresent(), dueAt, eligibleAt));
    }

    private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.filter(x -> x.isAfter(a.get())).or(() -> a);
    }

    private static boolean insideWindow(List<RotationWindow> windows, Instant at) {
        return windows.isEmpty() || windows.stream().anyMatch(w -> w.contains(at));
    }

    private static Instant nextOpening(List<RotationWindow> windows, Instant from) {
        return windows.stream().map(w -> w.nextOpening(from)).min(Comparator.naturalOrder()).orElse(from);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
